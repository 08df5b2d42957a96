/** Milliseconds since epoch as an ISO 8601 timestamp, null stays null. */
export function isoTime(ms: number | null): string | null {
  return ms === null ? null : new Date(ms).toISOString();
}
