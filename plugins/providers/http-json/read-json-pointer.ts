/**
 * Resolves a JSON Pointer (RFC 6901) such as `/data/0/last` against a parsed JSON document.
 * Returns undefined when nothing is there: JSON has no `undefined`, so it cannot be confused with a value.
 */
export function readJsonPointer(document: unknown, pointer: string): unknown {
  if (pointer === '') return document;
  let current = document;
  for (const escaped of pointer.slice(1).split('/')) {
    // RFC 6901 §4: `~1` first, then `~0`, so `~01` stays the literal `~1`.
    const token = escaped.replaceAll('~1', '/').replaceAll('~0', '~');
    if (Array.isArray(current)) {
      if (!/^(0|[1-9]\d*)$/.test(token)) return undefined;
      current = current[Number(token)];
    } else if (current !== null && typeof current === 'object' && Object.hasOwn(current, token)) {
      current = (current as Record<string, unknown>)[token];
    } else {
      return undefined;
    }
  }
  return current;
}
