import type { UserRole } from "@/db/schema";
import type { NavItem } from "@/components/govuk/ServiceNavigation";

/** What each kind of user sees in the service navigation. */
export function navigationFor(role: UserRole | null): NavItem[] {
  switch (role) {
    case "caseworker":
    case "supervisor":
      return [
        { href: "/dashboard", text: "Dashboard" },
        { href: "/triage", text: "Triage" },
        { href: "/cases", text: "Cases" },
        { href: "/deadlines", text: "Deadlines" },
      ];
    case "admin":
      return [
        { href: "/dashboard", text: "Dashboard" },
        { href: "/triage", text: "Triage" },
        { href: "/cases", text: "Cases" },
        { href: "/deadlines", text: "Deadlines" },
        { href: "/admin", text: "Admin" },
      ];
    case "party":
      return [
        { href: "/portal", text: "My cases" },
        { href: "/portal/complaints/new", text: "Submit a complaint" },
      ];
    case "amicus":
      return [{ href: "/portal/applications", text: "My applications" }];
    case null:
      return [
        { href: "/public-register", text: "Public register" },
        { href: "/deadline-calculator", text: "Deadline calculator" },
        { href: "/sign-in", text: "Sign in" },
      ];
  }
}

/** Where a user lands after signing in. */
export function homeFor(role: UserRole): string {
  return navigationFor(role)[0]?.href ?? "/";
}
