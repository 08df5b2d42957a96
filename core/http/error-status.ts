/** HTTP status for each domain error code; unknown codes are 500. */
const STATUS_BY_CODE: Readonly<Record<string, number>> = {
  bad_request: 400,
  not_found: 404,
  unknown_symbol: 404,
  payload_too_large: 413,
  unsupported_media_type: 415,
  too_many_requests: 429,
  unavailable: 503,
};

/** Maps a domain error code to its HTTP status. */
export function statusForCode(code: string): number {
  return STATUS_BY_CODE[code] ?? 500;
}
