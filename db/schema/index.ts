export * from "./users";
export * from "./cases";
export * from "./deadlines";
export * from "./evidence";
export * from "./notifications";
export * from "./audit";
export * from "./intake";
