import { expect } from 'chai';
import { readJsonPointer } from '../../../../plugins/providers/http-json/read-json-pointer.js';

describe('readJsonPointer', () => {
  // The example document of RFC 6901 §5.
  const document = { foo: ['bar', 'baz'], '': 0, 'a/b': 1, 'c%d': 2, 'e^f': 3, 'g|h': 4, 'i\\j': 5, 'k"l': 6, ' ': 7, 'm~n': 8 };

  const cases: [pointer: string, expected: unknown][] = [
    ['', document],
    ['/foo', ['bar', 'baz']],
    ['/foo/0', 'bar'],
    ['/', 0],
    ['/a~1b', 1],
    ['/c%d', 2],
    ['/e^f', 3],
    ['/g|h', 4],
    ['/i\\j', 5],
    ['/k"l', 6],
    ['/ ', 7],
    ['/m~0n', 8],
  ];
  for (const [pointer, expected] of cases) {
    it(`resolves ${JSON.stringify(pointer)} as RFC 6901 §5 says`, () => {
      expect(readJsonPointer(document, pointer)).to.deep.equal(expected);
    });
  }

  it('unescapes ~1 before ~0, so "~01" is the key "~1"', () => {
    expect(readJsonPointer({ '~1': 'tilde-one', '/': 'slash' }, '/~01')).to.equal('tilde-one');
  });

  it('keeps null and zero values, which are real answers', () => {
    expect(readJsonPointer({ data: { last: null, ts: 0 } }, '/data/last')).to.equal(null);
    expect(readJsonPointer({ data: { last: null, ts: 0 } }, '/data/ts')).to.equal(0);
  });

  for (const pointer of ['/missing', '/foo/2', '/foo/-', '/foo/01', '/foo/0/x', '/a~1b/deeper', '/toString']) {
    it(`answers undefined for ${pointer}, which points at nothing`, () => {
      expect(readJsonPointer(document, pointer)).to.equal(undefined);
    });
  }
});
