/** Plain-object check: arrays and class instances are values, not things to merge into. */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype;
}

/**
 * Merges `overlay` into `base`: objects merge key by key, anything else (arrays too) replaces.
 * Keys are defined, not assigned: a `__proto__` key read by JSON.parse stays an own key (and is
 * then rejected by validation) instead of silently becoming the merged object's prototype.
 */
export function deepMerge(base: unknown, overlay: unknown): unknown {
  if (!isPlainObject(base) || !isPlainObject(overlay)) return overlay === undefined ? base : overlay;
  const result: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(overlay)) {
    const merged = deepMerge(Object.hasOwn(base, key) ? base[key] : undefined, value);
    Object.defineProperty(result, key, { value: merged, enumerable: true, writable: true, configurable: true });
  }
  return result;
}

/** Freezes a value and everything reachable from it, so config cannot drift after boot. */
export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
