import type { DbOrTx } from "@/db/client";
import type { PartyRole } from "@/db/schema";
import { absoluteUrl, type Ctx } from "../context";
import { notifyUser } from "../notifications/notify";
import { usersActingFor } from "./case-recipients";

/** Notifies, in-app and by email, everyone acting for the given sides of a case. */
export function tellParties(
  tx: DbOrTx,
  ctx: Pick<Ctx, "now" | "config">,
  input: { caseId: string; reference: string | null; sides: PartyRole[]; kind: string; title: string; body: string },
): void {
  const link = `/portal/cases/${input.caseId}`;
  const seen = new Set<string>();
  for (const side of input.sides) {
    for (const user of usersActingFor(tx, input.caseId, side)) {
      if (seen.has(user.id)) continue;
      seen.add(user.id);
      notifyUser(tx, ctx, {
        userId: user.id,
        caseId: input.caseId,
        kind: input.kind,
        title: input.title,
        body: input.body,
        link,
        email: {
          subject: `${input.reference ?? "Your complaint"}: ${input.title}`,
          body: `Dear ${user.name},\n\n${input.body}\n\nSign in to IP Casework to see the case: ${absoluteUrl(ctx.config, link)}\n\nIntellectual Property Regulator`,
        },
      });
    }
  }
}
