import { expect } from 'chai';
import { cryptoCompareRetryAfterMs } from '../../../../plugins/providers/cryptocompare/cryptocompare-retry-after.js';
import { upstreamFixture } from '../../../helpers/upstream-fixture.js';

const NOW = Date.UTC(2026, 10, 23, 10, 44, 21, 250); // 2026-11-23T10:44:21.250Z

/** The recorded limits (anonymous, 2021) with some calls made. */
function limits(made: Record<string, number>): { calls_made: Record<string, number>; max_calls: Record<string, number> } {
  return { calls_made: { second: 1, minute: 11, hour: 485, day: 10, month: 82, ...made }, max_calls: { second: 20, minute: 300, hour: 3000, day: 7500, month: 50000 } };
}

describe('cryptoCompareRetryAfterMs', () => {
  it('waits for the next second when only the per-second limit is exhausted', () => {
    expect(cryptoCompareRetryAfterMs(limits({ second: 20 }), NOW)).to.equal(750);
  });

  it('waits for the next minute when the minute limit is exhausted (the shape seen in cryptotithe#276)', () => {
    expect(cryptoCompareRetryAfterMs(limits({ minute: 325, hour: 325 }), NOW)).to.equal(38_750);
  });

  it('waits for the next hour when the hour limit is exhausted', () => {
    expect(cryptoCompareRetryAfterMs(limits({ hour: 3000 }), NOW)).to.equal(15 * 60_000 + 38_750);
  });

  it('waits for the longest exhausted window: next UTC midnight for the day', () => {
    expect(cryptoCompareRetryAfterMs(limits({ second: 20, day: 7500 }), NOW)).to.equal(Date.UTC(2026, 10, 24) - NOW);
  });

  it('waits for the 1st of next month when the recorded answer shows the month exhausted', () => {
    const { body } = upstreamFixture('cryptocompare.error_rate_limited');
    const { RateLimit } = body as { RateLimit: Parameters<typeof cryptoCompareRetryAfterMs>[0] };
    expect(cryptoCompareRetryAfterMs(RateLimit, NOW)).to.equal(Date.UTC(2026, 11, 1) - NOW);
  });

  it('rolls the month over at the year end', () => {
    const december = Date.UTC(2026, 11, 31, 23, 0);
    expect(cryptoCompareRetryAfterMs(limits({ month: 50000 }), december)).to.equal(3_600_000);
  });

  it('says nothing when no window is exhausted or the block is missing', () => {
    expect(cryptoCompareRetryAfterMs(limits({}), NOW)).to.equal(undefined);
    expect(cryptoCompareRetryAfterMs({}, NOW)).to.equal(undefined);
    expect(cryptoCompareRetryAfterMs(undefined, NOW)).to.equal(undefined);
  });
});
