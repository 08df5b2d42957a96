/**
 * JSON paths of every `__proto__` key in a raw config value. JSON.parse keeps such a key as an own
 * property, but any later assignment (a merge, zod copying a record or passthrough keys) turns it
 * into the object's prototype and it vanishes: validation would never see it. Config has no such
 * key, so each one found is reported like any unknown key.
 */
export function prototypeKeyPaths(value: unknown, path: readonly (string | number)[] = []): (string | number)[][] {
  if (value === null || typeof value !== 'object') return [];
  if (Array.isArray(value)) return value.flatMap((item, index) => prototypeKeyPaths(item, [...path, index]));
  const found: (string | number)[][] = Object.hasOwn(value, '__proto__') ? [[...path, '__proto__']] : [];
  for (const [key, child] of Object.entries(value)) if (key !== '__proto__') found.push(...prototypeKeyPaths(child, [...path, key]));
  return found;
}
