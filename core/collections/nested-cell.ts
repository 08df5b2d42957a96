/** The value under `first` then `second` in a two-level map, made by `create` (and kept) when there is none yet. */
export function nestedCell<K1, K2, V>(map: Map<K1, Map<K2, V>>, first: K1, second: K2, create: () => V): V {
  let bySecond = map.get(first);
  if (bySecond === undefined) {
    bySecond = new Map();
    map.set(first, bySecond);
  }
  let value = bySecond.get(second);
  if (value === undefined) {
    value = create();
    bySecond.set(second, value);
  }
  return value;
}
