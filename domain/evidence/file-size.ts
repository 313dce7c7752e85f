// Kept free of imports so the upload page's browser code can use it too.

const UNITS = ["KB", "MB", "GB", "TB"] as const;
const bytesFormat = new Intl.NumberFormat("en-GB");

/** "2.4 MB": binary multiples, as file managers show them. */
export function formatFileSize(bytes: number): string {
  if (bytes < 1024) return bytes === 1 ? "1 byte" : `${bytesFormat.format(bytes)} bytes`;
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value >= 100 ? Math.round(value) : Math.round(value * 10) / 10} ${UNITS[unit]}`;
}

/** "2.4 MB (2,456,789 bytes)": the exact count is what a hash check needs. */
export function formatFileSizeExactly(bytes: number): string {
  return bytes < 1024 ? formatFileSize(bytes) : `${formatFileSize(bytes)} (${bytesFormat.format(bytes)} bytes)`;
}
