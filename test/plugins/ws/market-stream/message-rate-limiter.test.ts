import { expect } from 'chai';
import { MessageRateLimiter } from '../../../../plugins/ws/market-stream/message-rate-limiter.js';
import { ManualClock } from '../../../helpers/manual-clock.js';

describe('MessageRateLimiter', () => {
  it('allows a burst of perSecond messages, then one more per 1/perSecond of a second', () => {
    const clock = new ManualClock();
    const limiter = new MessageRateLimiter(4, clock);
    expect(Array.from({ length: 5 }, () => limiter.take())).to.deep.equal([true, true, true, true, false]);
    clock.advance(249);
    expect(limiter.take()).to.equal(false);
    clock.advance(1);
    expect(limiter.take()).to.equal(true);
    expect(limiter.take()).to.equal(false);
  });

  it('refills to a full burst after a quiet second, never more', () => {
    const clock = new ManualClock();
    const limiter = new MessageRateLimiter(3, clock);
    for (let index = 0; index < 3; index += 1) limiter.take();
    clock.advance(60_000);
    expect(Array.from({ length: 4 }, () => limiter.take())).to.deep.equal([true, true, true, false]);
  });
});
