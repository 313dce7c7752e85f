"use server";

import { redirect } from "next/navigation";
import { getDb } from "@/db/client";
import { endSession } from "@/domain/users/sessions";
import { clearSessionCookie, getSessionId } from "@/server/session";

export async function signOutAction(): Promise<void> {
  const sessionId = await getSessionId();
  // Revoking the server-side session is what makes a copied cookie useless afterwards.
  if (sessionId) endSession({ db: getDb(), now: new Date() }, sessionId);
  await clearSessionCookie();
  redirect("/signed-out");
}
