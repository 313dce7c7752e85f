import { asc } from "drizzle-orm";
import { users } from "@/db/schema";
import type { Ctx } from "../context";
import { requirePermission } from "../access/permissions";

/** Every account, for the service owner. Bounded: a regulator has hundreds of users, not millions. */
export function listUsers(ctx: Ctx) {
  requirePermission(ctx.actor, "admin.users");
  return ctx.db
    .select({ id: users.id, name: users.name, email: users.email, role: users.role, disabledAt: users.disabledAt })
    .from(users)
    .orderBy(asc(users.email))
    .limit(1000)
    .all();
}
