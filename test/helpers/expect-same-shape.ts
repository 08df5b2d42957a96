import { expect } from 'chai';

/** Paths (`volume.timestamp`, `[0].trade_id`) where the simulator emits the documented type, not a recorder's. */
export type TypeExceptions = Readonly<Record<string, string>>;

function kind(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

/**
 * Asserts that `actual` has the field names and JSON types of `expected` (a fixture body): same keys
 * in every object, the same type at every leaf, the same arity for tuples (arrays of primitives,
 * such as candle rows), and the first element's shape for lists of rows or objects.
 */
export function expectSameShape(actual: unknown, expected: unknown, exceptions: TypeExceptions = {}, path = ''): void {
  const where = path === '' ? '(root)' : path;
  const wantedKind = exceptions[path] ?? kind(expected);
  expect(kind(actual), `type at ${where}`).to.equal(wantedKind);
  if (exceptions[path] !== undefined) return;
  if (Array.isArray(expected) && Array.isArray(actual)) {
    if (expected.length === 0) return;
    const isTuple = expected.every((item) => kind(item) !== 'array' && kind(item) !== 'object');
    if (isTuple) {
      expect(actual.length, `length of ${where}`).to.equal(expected.length);
      expected.forEach((item, index) => expectSameShape(actual[index], item, exceptions, `${path}[${index}]`));
      return;
    }
    expect(actual.length, `${where} should not be empty`).to.be.greaterThan(0);
    expectSameShape(actual[0], expected[0], exceptions, `${path}[0]`);
    return;
  }
  if (kind(expected) === 'object') {
    const expectedObject = expected as Record<string, unknown>;
    const actualObject = actual as Record<string, unknown>;
    expect(Object.keys(actualObject).sort(), `keys of ${where}`).to.deep.equal(Object.keys(expectedObject).sort());
    for (const key of Object.keys(expectedObject)) {
      expectSameShape(actualObject[key], expectedObject[key], exceptions, path === '' ? key : `${path}.${key}`);
    }
  }
}
