import { getReceipt } from "@/domain/evidence/get-receipt";
import { receiptAsText, receiptFilename } from "@/domain/evidence/receipt-text";
import { runRoute } from "@/server/route";

export const dynamic = "force-dynamic";

/** The receipt as a text file to keep: for the filer's side and regulator staff only (404 for anyone else). */
export async function GET(_request: Request, { params }: { params: Promise<{ submissionId: string }> }): Promise<Response> {
  const { submissionId } = await params;
  return runRoute((ctx) => {
    const receipt = getReceipt(ctx, submissionId);
    return new Response(receiptAsText(receipt), {
      status: 200,
      headers: {
        "Content-Type": "text/plain; charset=utf-8",
        // The name is built only from the case reference and a date, so it needs no quoting beyond this.
        "Content-Disposition": `attachment; filename="${receiptFilename(receipt)}"`,
        "X-Content-Type-Options": "nosniff",
        "Cache-Control": "private, no-store",
      },
    });
  });
}
