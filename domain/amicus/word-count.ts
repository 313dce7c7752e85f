// Placeholder signature for the word counter; replaced by the real implementation.
export type WordCountResult = { ok: true; words: number } | { ok: false; reason: string };
export async function countDocumentWords(_filePath: string, _contentType: string): Promise<WordCountResult> {
  throw new Error("countDocumentWords is not written yet");
}
