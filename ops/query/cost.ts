/**
 * Athena's list price for SQL queries (engine v3, us-east-1 and most regions): USD 5 per TB scanned, at least
 * 10 MB per query, rounded up to the next MB (https://aws.amazon.com/athena/pricing/). An estimate, not a bill.
 */
const USD_PER_TB = 5;
const MB = 1024 * 1024;
const MINIMUM_MB = 10;

/** The estimated cost in USD of a query that scanned `bytes`. */
export function athenaCostUsd(bytes: number): number {
  const billedMb = Math.max(MINIMUM_MB, Math.ceil(bytes / MB));
  return (billedMb * MB * USD_PER_TB) / 1024 ** 4;
}

/** "12.3 MB scanned, about USD 0.00006" */
export function describeScan(bytes: number): string {
  const size = bytes < MB ? `${(bytes / 1024).toFixed(1)} KB` : `${(bytes / MB).toFixed(1)} MB`;
  return `${size} scanned, about USD ${athenaCostUsd(bytes).toPrecision(2)}`;
}
