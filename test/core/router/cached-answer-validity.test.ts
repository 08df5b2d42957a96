import { expect } from 'chai';
import { ResponseCache, type CacheEntry } from '../../../core/cache/response-cache.js';
import { ServiceUnavailableError } from '../../../core/errors/index.js';
import { ReferencePrices } from '../../../core/router/reference-prices.js';
import { ManualClock } from '../../helpers/manual-clock.js';
import { createRouterHarness, threeScriptedProviders, type ScriptedProviderSpec } from '../../helpers/router-harness.js';

const BTC = { symbol: 'BTC', quote: 'USD' };
const MARKET = 50_000;
const POISONED = MARKET * 1_000;

/** Three providers with loose limits, no retries and the given price and ticker TTLs. */
function providers(priceTtlMs: number, tickerTtlMs = 0): ScriptedProviderSpec[] {
  return threeScriptedProviders({ cacheTtlMs: { price: priceTtlMs, ticker: tickerTtlMs } });
}

function priceEntry(providerId: string, price: number, fetchedAt: number): CacheEntry<'price'> {
  return { providerId, data: { symbol: 'BTC', price, timestamp: Math.floor(fetchedAt / 1000) }, fetchedAt };
}

describe('Cached answers against newer verified quotes', () => {
  it('never serves a cached price that contradicts the reference, and drops it', async () => {
    const clock = new ManualClock();
    const { router, providers: scripted, container } = createRouterHarness(providers(60_000), { clock });
    const cache = container.get(ResponseCache);
    cache.put(scripted.alpha!, 'price', BTC, priceEntry('alpha', POISONED, clock.now()));
    // Newer verified quotes of the other providers (a replica's shared reference, say).
    container.get<ReferencePrices>(ReferencePrices).accept('BTC/USD', 'beta', MARKET);
    container.get<ReferencePrices>(ReferencePrices).accept('BTC/USD', 'gamma', MARKET);
    const answer = await router.route('price', BTC);
    expect(answer.data.price).to.equal(MARKET);
    expect(answer.providerId).to.not.equal('alpha');
    expect(cache.held(scripted.alpha!, 'price', BTC)).to.equal(undefined);
  });

  it('does not serve a contradicted answer stale either: the freshest agreeing one is served', async () => {
    const clock = new ManualClock();
    const { router, providers: scripted, container } = createRouterHarness(providers(1_000), { clock, router: { maxStalenessMs: 600_000 } });
    const cache = container.get(ResponseCache);
    cache.put(scripted.beta!, 'price', BTC, priceEntry('beta', MARKET, clock.now()));
    clock.advance(500);
    cache.put(scripted.alpha!, 'price', BTC, priceEntry('alpha', POISONED, clock.now()));
    clock.advance(30_000);
    container.get<ReferencePrices>(ReferencePrices).accept('BTC/USD', 'gamma', MARKET);
    for (const provider of Object.values(scripted)) provider.behaviour = { fail: 'unavailable' };
    const answer = await router.route('price', BTC);
    expect(answer).to.include({ stale: true, providerId: 'beta' });
    expect(answer.data.price).to.equal(MARKET);
  });

  it('drops every cached price that newly verified quotes contradict, once the providers heal', async () => {
    const { router, providers: scripted, container } = createRouterHarness(providers(300_000));
    for (const provider of Object.values(scripted)) provider.behaviour = { price: POISONED };
    // Every provider agrees on the wrong price: two independent providers agree, so it is served and cached.
    expect((await router.consensus('BTC')).price).to.equal(POISONED);
    const cache = container.get(ResponseCache);
    for (const provider of Object.values(scripted)) expect(cache.held(provider, 'price', BTC)?.data.price, provider.id).to.equal(POISONED);
    for (const provider of Object.values(scripted)) provider.behaviour = { price: MARKET };
    // Tickers are not cached: two healed providers agree on the market price, which moves the reference.
    expect((await router.route('ticker', BTC)).data.price).to.equal(MARKET);
    for (const provider of Object.values(scripted)) expect(cache.held(provider, 'price', BTC), provider.id).to.equal(undefined);
    for (let index = 0; index < 10; index += 1) expect((await router.route('price', BTC)).data.price).to.equal(MARKET);
  });

  it('leaves a contradicted cached quote out of a consensus, and drops it', async () => {
    const clock = new ManualClock();
    const { router, providers: scripted, container } = createRouterHarness(providers(60_000), { clock, router: { consensus: { minSources: 2 } } });
    const cache = container.get(ResponseCache);
    cache.put(scripted.alpha!, 'price', BTC, priceEntry('alpha', POISONED, clock.now()));
    container.get<ReferencePrices>(ReferencePrices).accept('BTC/USD', 'beta', MARKET);
    const answer = await router.consensus('BTC');
    expect(answer.price).to.equal(MARKET);
    expect([...answer.sources, ...answer.outliers].map((quote) => quote.providerId)).to.not.include('alpha');
    expect(cache.held(scripted.alpha!, 'price', BTC)).to.equal(undefined);
  });

  it('serves a jump far from the last good price only when two providers agree, however old that price', async () => {
    const clock = new ManualClock();
    const { router, providers: scripted } = createRouterHarness(providers(0), { clock });
    await router.route('price', BTC);
    clock.advance(601_000);
    scripted.alpha!.behaviour = { price: POISONED };
    scripted.beta!.behaviour = { fail: 'unavailable' };
    scripted.gamma!.behaviour = { fail: 'unavailable' };
    expect(await router.route('price', BTC).catch((error: unknown) => error)).to.be.instanceOf(ServiceUnavailableError);
    scripted.alpha!.behaviour = { price: MARKET * 1.01 };
    expect((await router.route('price', BTC)).data.price, 'a lone quote near the last good price').to.equal(MARKET * 1.01);
    scripted.alpha!.behaviour = { price: POISONED };
    scripted.beta!.behaviour = { price: POISONED };
    expect((await router.route('price', BTC)).data.price, 'two providers agree on the jump').to.equal(POISONED);
  });
});
