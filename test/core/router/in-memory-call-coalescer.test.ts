import { expect } from 'chai';
import { InMemoryCallCoalescer } from '../../../core/router/in-memory-call-coalescer.js';

/** A call the test settles by hand. */
function pending<T>(): { promise: Promise<T>; resolve: (value: T) => void; reject: (error: Error) => void } {
  let resolve!: (value: T) => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('InMemoryCallCoalescer', () => {
  it('lets identical concurrent calls join the first one, then starts afresh once it settled', async () => {
    const coalescer = new InMemoryCallCoalescer();
    const call = pending<number>();
    let starts = 0;
    const start = (): Promise<number> => {
      starts += 1;
      return call.promise;
    };
    const first = coalescer.run('price:a:BTC', start);
    const second = coalescer.run('price:a:BTC', start);
    expect(coalescer.isRunning('price:a:BTC')).to.equal(true);
    call.resolve(42);
    expect(await Promise.all([first, second])).to.deep.equal([42, 42]);
    expect(starts).to.equal(1);
    expect(coalescer.isRunning('price:a:BTC')).to.equal(false);
    expect(await coalescer.run('price:a:BTC', () => Promise.resolve(43))).to.equal(43);
  });

  it('runs calls under different keys separately', async () => {
    const coalescer = new InMemoryCallCoalescer();
    const answers = await Promise.all([coalescer.run('price:a:BTC', () => Promise.resolve(1)), coalescer.run('price:b:BTC', () => Promise.resolve(2))]);
    expect(answers).to.deep.equal([1, 2]);
  });

  it('hands a failure to every caller and frees the key', async () => {
    const coalescer = new InMemoryCallCoalescer();
    const call = pending<number>();
    const callers = [coalescer.run('price:a:BTC', () => call.promise), coalescer.run('price:a:BTC', () => Promise.resolve(0))];
    const failure = new Error('upstream down');
    call.reject(failure);
    const settled = await Promise.allSettled(callers);
    expect(settled.map((result) => (result.status === 'rejected' ? result.reason : result.value))).to.deep.equal([failure, failure]);
    expect(coalescer.isRunning('price:a:BTC')).to.equal(false);
  });
});
