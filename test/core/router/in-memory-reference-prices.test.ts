import { expect } from 'chai';
import { InMemoryReferencePrices } from '../../../core/router/in-memory-reference-prices.js';
import { RouterConfigSchema } from '../../../core/router/router-config.js';
import { ManualClock } from '../../helpers/manual-clock.js';

const MAX_AGE_MS = 60_000;

function references(): { prices: InMemoryReferencePrices; clock: ManualClock } {
  const clock = new ManualClock();
  return { prices: new InMemoryReferencePrices(RouterConfigSchema.parse({ referenceMaxAgeMs: MAX_AGE_MS }), clock), clock };
}

describe('InMemoryReferencePrices', () => {
  it("judges a provider's price by the median of the other providers' recent quotes", () => {
    const { prices } = references();
    prices.accept('BTC/USD', 'alpha', 100);
    prices.accept('BTC/USD', 'beta', 102);
    prices.accept('BTC/USD', 'gamma', 104);
    expect(prices.referenceFor('BTC/USD', 'alpha')).to.equal(103);
    expect(prices.referenceFor('BTC/USD', 'beta')).to.equal(102);
  });

  it('follows a newly accepted quote at once, though the reference was asked for just before', () => {
    const { prices } = references();
    prices.accept('BTC/USD', 'alpha', 100);
    prices.accept('BTC/USD', 'beta', 102);
    expect(prices.referenceFor('BTC/USD', 'gamma')).to.equal(101);
    prices.accept('BTC/USD', 'delta', 104);
    expect(prices.referenceFor('BTC/USD', 'gamma')).to.equal(102);
  });

  it('lets a quote age out on the millisecond, though the reference was asked for before', () => {
    const { prices, clock } = references();
    prices.accept('BTC/USD', 'alpha', 100);
    clock.advance(10_000);
    prices.accept('BTC/USD', 'beta', 110);
    expect(prices.referenceFor('BTC/USD', 'gamma')).to.equal(105);
    clock.advance(MAX_AGE_MS - 10_000);
    expect(prices.referenceFor('BTC/USD', 'gamma'), 'alpha is exactly referenceMaxAgeMs old: still counted').to.equal(105);
    clock.advance(1);
    expect(prices.referenceFor('BTC/USD', 'gamma'), 'alpha is too old now').to.equal(110);
    clock.advance(10_000);
    expect(prices.referenceFor('BTC/USD', 'gamma'), 'beta too, and so is the last good price').to.equal(undefined);
  });
});
