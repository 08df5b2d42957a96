import { expect } from 'chai';
import { abortable } from '../../../core/resilience/abortable.js';

describe('abortable', () => {
  it('rejects at once with the abort error when the signal is already aborted, and the work failing later is not an unhandled rejection', async () => {
    const unhandled: unknown[] = [];
    const record = (reason: unknown): void => {
      unhandled.push(reason);
    };
    process.on('unhandledRejection', record);
    try {
      const controller = new AbortController();
      controller.abort();
      let fail: (error: Error) => void = () => undefined;
      const work = new Promise<number>((_, reject) => {
        fail = reject;
      });
      const error = await abortable(work, controller.signal, () => new Error('too late')).catch((caught: unknown) => caught);
      expect((error as Error).message).to.equal('too late');
      fail(new Error('the aborted call failed afterwards'));
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(unhandled).to.deep.equal([]);
    } finally {
      process.off('unhandledRejection', record);
    }
  });

  it('settles with the work when it answers before the signal aborts', async () => {
    expect(await abortable(Promise.resolve(7), new AbortController().signal, () => new Error('aborted'))).to.equal(7);
  });
});
