/**
 * Whether a WebSocket upgrade's `Origin` may connect: a browser page of the gateway itself (its
 * origin's host is the request's `Host`), an origin on the CORS allowlist (`*` allows any), or no
 * `Origin` at all (not a browser: browsers always send one, and the check only protects pages).
 */
export function webSocketOriginAllowed(origin: string | undefined, host: string | undefined, allowed: readonly string[]): boolean {
  if (origin === undefined) return true;
  if (allowed.includes('*') || allowed.includes(origin)) return true;
  try {
    return host !== undefined && new URL(origin).host === host.toLowerCase();
  } catch {
    return false;
  }
}
