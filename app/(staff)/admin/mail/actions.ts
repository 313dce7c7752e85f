"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { retryMail } from "@/domain/notifications/retry-mail";
import { runFormAction } from "@/server/action";
import { flushOutbox } from "@/server/mail";

export async function retryMailAction(formData: FormData): Promise<void> {
  const mailId = formData.get("mailId");
  const result = await runFormAction(formData, (ctx) => retryMail(ctx, { mailId: typeof mailId === "string" ? mailId : "" }));
  if (result?.ok) flushOutbox();
  revalidatePath("/admin/mail");
  redirect(`/admin/mail?done=${result?.ok ? "retried" : "not-retried"}`);
}
