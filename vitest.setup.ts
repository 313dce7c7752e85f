import fc from "fast-check";

// Property tests use a fixed seed so CI is repeatable; FC_SEED=random explores new cases locally,
// and a failure prints the seed to replay it.
const seed = process.env.FC_SEED === "random" ? Date.now() : Number(process.env.FC_SEED ?? 20261122);
fc.configureGlobal({ seed });
