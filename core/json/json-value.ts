/** Characters a JSON string may hold as they are. */
const PLAIN_TEXT = /^[\w ./:-]*$/;

/**
 * The JSON of a value (null for undefined, as inside an array), without JSON.stringify for the
 * common case of a plain string: for the strings hot paths write many times over (cache keys, the
 * request log line).
 */
export function jsonValue(value: unknown): string {
  return typeof value === 'string' && PLAIN_TEXT.test(value) ? `"${value}"` : (JSON.stringify(value) ?? 'null');
}
