import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { ContainerModule } from 'inversify';
import nock from 'nock';
import { Logger } from '../../../core/logging/logger.js';
import { listedMarket, type ListedMarket } from '../../../core/markets/listed-market.js';
import { MarketCatalogue } from '../../../core/markets/market-catalogue.js';
import { ProviderContribution } from '../../../core/providers/provider-contribution.js';
import { ProviderRegistry } from '../../../core/providers/provider-registry.js';
import type { UpstreamClient } from '../../../core/providers/upstream-client.js';
import { RateLimitGuard } from '../../../core/resilience/rate-limit-guard.js';
import { ReferencePrices } from '../../../core/router/reference-prices.js';
import { capturingLogger } from '../../helpers/aggregator-harness.js';
import { useNock } from '../../helpers/provider-test-kit.js';
import { createRouterHarness, type RouterHarness, type RouterHarnessOptions, type ScriptedProviderSpec } from '../../helpers/router-harness.js';

const LISTER = 'http://lister.test';

/** How the lister's listing endpoint answers, changed by each test. */
let listing: { status: number; markets: ListedMarket[] } = { status: 200, markets: [] };

/** A provider with a listing function that GETs `/markets` (so it takes a guard slot per request). */
const LISTER_CONTRIBUTION: ProviderContribution = {
  id: 'lister',
  defaults: { name: 'Lister', baseUrl: LISTER, capabilities: ['price'], symbols: { BTC: 'BTC-USD' }, weight: 1, priority: 9, rateLimit: { requests: 5, windowMs: 60_000 } },
  capabilities: { price: ({ symbol }, upstream) => Promise.resolve({ symbol, price: upstream.symbolFor(symbol) === 'PEPE-USD' ? 0.00001 : 50_000, timestamp: upstream.nowSeconds() }) },
  listMarkets: async (upstream: UpstreamClient) => {
    const response = await upstream.getJson('/markets');
    if (response.status !== 200) throw upstream.error('unavailable', `HTTP ${response.status}`);
    return response.body as ListedMarket[];
  },
};

const market = (base: string, quote: string, id: string, trading = true): ListedMarket => listedMarket(base, quote, id, trading)!;

function harness(specs: ScriptedProviderSpec[], options: RouterHarnessOptions & { logger?: Logger } = {}): RouterHarness {
  const modules = [
    new ContainerModule(({ bind, rebind }) => {
      bind<ProviderContribution>(ProviderContribution).toConstantValue(LISTER_CONTRIBUTION);
      if (options.logger !== undefined) rebind<Logger>(Logger).toConstantValue(options.logger);
    }),
  ];
  return createRouterHarness(specs, { ...options, modules });
}

describe('MarketCatalogue', () => {
  useNock();
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'catalogue-'));
    listing = { status: 200, markets: [market('BTC', 'USD', 'BTC-USD'), market('PEPE', 'USD', 'PEPE-USD'), market('OLD', 'USD', 'OLD-USD', false)] };
    nock(LISTER).persist().get('/markets').reply(() => [listing.status, listing.markets]);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const catalogueOf = (h: RouterHarness): MarketCatalogue => h.container.get<MarketCatalogue>(MarketCatalogue);

  it('serves the declared symbols (the built-in universe) before any listing', () => {
    const h = harness([{ id: 'a', weight: 1, priority: 1 }], { markets: { dataDir: dir } });
    const catalogue = catalogueOf(h);
    expect(catalogue.resolve('lister', 'BTC', 'USD')).to.deep.equal({ base: 'BTC', quote: 'USD', id: 'BTC-USD', requestedQuote: 'USD' });
    expect(catalogue.resolve('lister', 'PEPE', 'USD')).to.equal(undefined);
    expect(catalogue.status('lister')).to.deep.equal({ source: 'built-in', markets: 1, halted: 0, listedAt: null, lastError: null });
  });

  it('learns the trading markets at start, through the rate-limit guard, keeps them on disk, and routes to them', async () => {
    const h = harness([{ id: 'a', weight: 1, priority: 1 }], { markets: { dataDir: dir } });
    const catalogue = catalogueOf(h);
    await catalogue.initialize!();
    expect(catalogue.resolve('lister', 'PEPE', 'USD')).to.include({ id: 'PEPE-USD' });
    expect(catalogue.resolve('lister', 'OLD', 'USD'), 'a halted market is not served').to.equal(undefined);
    expect(catalogue.status('lister')).to.include({ source: 'discovered', markets: 2, halted: 1, lastError: null });
    const lister = h.container.get(ProviderRegistry).get('lister')!;
    const kept = JSON.parse(readFileSync(join(dir, 'lister.json'), 'utf8')) as { provider: string; markets: ListedMarket[] };
    expect(kept.provider).to.equal('lister');
    expect(kept.markets).to.deep.include(market('OLD', 'USD', 'OLD-USD', false));
    const answer = await h.router.route('price', { symbol: 'PEPE' });
    expect(answer).to.deep.include({ providerId: 'lister', market: { base: 'PEPE', quote: 'USD', id: 'PEPE-USD', requestedQuote: 'USD' } });
    const guard = h.container.get<RateLimitGuard>(RateLimitGuard);
    const slotsLeft = [];
    for (let slot = 0; slot < 5; slot += 1) slotsLeft.push(await guard.tryAcquire(lister));
    expect(slotsLeft, 'the listing and the price call took two of its 5 slots a minute').to.deep.equal([true, true, true, false, false]);
    await catalogue.onStop!();
  });

  it('takes one guard slot per listing request, and waits for none beyond its deadline', async () => {
    const h = harness([], { markets: { dataDir: dir, listingTimeoutMs: 1_000, startupWaitMs: 0 } });
    const lister = h.container.get(ProviderRegistry).get('lister')!;
    const guard = h.container.get<RateLimitGuard>(RateLimitGuard);
    for (let slot = 0; slot < 5; slot += 1) expect(await guard.tryAcquire(lister)).to.equal(true);
    const catalogue = catalogueOf(h);
    await catalogue.refreshAll();
    expect(catalogue.status('lister')).to.include({ source: 'built-in' });
    expect(catalogue.status('lister')!.lastError).to.contain('no rate-limit slot');
  });

  it('keeps the last known list from disk when the listing fails, and says so at warn without a stack', async () => {
    writeFileSync(join(dir, 'lister.json'), JSON.stringify({ provider: 'lister', fetchedAt: 1_700_000_000_000, markets: [market('BTC', 'USD', 'BTC-USD'), market('DOGE', 'USD', 'DOGE-USD')] }));
    listing.status = 500;
    const { logger, lines } = capturingLogger();
    const h = harness([], { markets: { dataDir: dir }, logger });
    const catalogue = catalogueOf(h);
    await catalogue.initialize!();
    expect(catalogue.resolve('lister', 'DOGE', 'USD')).to.include({ id: 'DOGE-USD' });
    expect(catalogue.status('lister')).to.include({ source: 'last-known', markets: 2, listedAt: 1_700_000_000_000 });
    expect(catalogue.status('lister')!.lastError).to.contain('HTTP 500');
    const warning = lines.map((line) => JSON.parse(line) as Record<string, unknown>).find((line) => String(line.msg).startsWith('Market listing unavailable'))!;
    expect(warning).to.include({ level: 40, provider: 'lister', serving: 'the last known list' });
    expect(JSON.stringify(warning)).not.to.contain('stack');
  });

  it('ignores a kept list that is not JSON or not this provider\'s, and never serves an empty listing', async () => {
    writeFileSync(join(dir, 'lister.json'), '{"provider": "other", "fetchedAt": 1, "markets": []}');
    listing.markets = [market('OLD', 'USD', 'OLD-USD', false)];
    const h = harness([], { markets: { dataDir: dir } });
    const catalogue = catalogueOf(h);
    await catalogue.initialize!();
    expect(catalogue.status('lister')).to.include({ source: 'built-in', markets: 1, lastError: 'the listing has no trading market' });
    expect(catalogue.resolve('lister', 'BTC', 'USD')).to.include({ id: 'BTC-USD' });
  });

  it('lets config entries override discovery, and reports one naming a market the provider does not list', async () => {
    const { logger, lines } = capturingLogger();
    const h = harness([], { markets: { dataDir: dir }, providers: { lister: { symbols: { PEPE: 'PEPE-CUSTOM', 'ZZZ/EUR': 'ZZZ-EUR' } } }, logger });
    const catalogue = catalogueOf(h);
    await catalogue.initialize!();
    expect(catalogue.resolve('lister', 'PEPE', 'USD')).to.include({ id: 'PEPE-CUSTOM' });
    expect(catalogue.resolve('lister', 'ZZZ', 'EUR')).to.include({ id: 'ZZZ-EUR', quote: 'EUR' });
    const reported = lines.map((line) => JSON.parse(line) as Record<string, unknown>).filter((line) => String(line.msg).startsWith('Configured market'));
    expect(reported.map((line) => [line.market, line.msg])).to.deep.equal([
      ['PEPE/USD', 'Configured market not listed by the provider'],
      ['ZZZ/EUR', 'Configured market not listed by the provider'],
    ]);
  });

  it('does not discover when `markets.discovery` is false', async () => {
    const h = harness([], { markets: { dataDir: dir, discovery: false } });
    const catalogue = catalogueOf(h);
    await catalogue.initialize!();
    expect(catalogue.status('lister')).to.include({ source: 'built-in' });
  });
});

describe('quotes and the USD policy', () => {
  const specs = (): ScriptedProviderSpec[] => [
    { id: 'tether', weight: 10, priority: 1, declaration: { quote: 'USDT', symbols: { BTC: 'BTCUSDT', ETH: 'ETHUSDT', 'BTC/EUR': 'BTCEUR' } } },
    { id: 'dollar', weight: 1, priority: 2, declaration: { symbols: { BTC: 'BTC-USD', ETH: 'ETH-USD' } } },
    { id: 'cent', weight: 1, priority: 3, declaration: { symbols: { BTC: 'btcusd', 'BTC/USDC': 'btcusdc' } } },
  ];

  it('answers USD from a USDT market only as `markets.usdFrom` allows, and names the market', async () => {
    const h = createRouterHarness(specs());
    const catalogue = h.container.get<MarketCatalogue>(MarketCatalogue);
    expect(catalogue.resolve('tether', 'BTC', 'USD')).to.deep.equal({ base: 'BTC', quote: 'USDT', id: 'BTCUSDT', requestedQuote: 'USD' });
    expect(catalogue.resolve('tether', 'BTC', 'EUR')).to.deep.equal({ base: 'BTC', quote: 'EUR', id: 'BTCEUR', requestedQuote: 'EUR' });
    expect(catalogue.resolve('cent', 'BTC', 'USDC')).to.include({ id: 'btcusdc' });
    expect(catalogue.resolve('tether', 'BTC', 'GBP')).to.equal(undefined);
    const strict = createRouterHarness(specs(), { markets: { usdFrom: [] } }).container.get<MarketCatalogue>(MarketCatalogue);
    expect(strict.resolve('tether', 'BTC', 'USD')).to.equal(undefined);
    const served = await h.router.route('price', { symbol: 'BTC', quote: 'EUR' });
    expect(served).to.deep.include({ providerId: 'tether', market: { base: 'BTC', quote: 'EUR', id: 'BTCEUR', requestedQuote: 'EUR' } });
  });

  it('answers 404 naming the market and the quotes it is listed against', async () => {
    const h = createRouterHarness(specs());
    const error = await h.router.route('price', { symbol: 'BTC', quote: 'GBP' }).catch((caught: unknown) => caught as Error);
    expect(error).to.have.property('message', 'Unknown market "BTC/GBP": BTC is listed against EUR, USD, USDC, USDT, not GBP');
    expect(h.router.knowsSymbol('price', 'BTC', 'GBP')).to.equal(false);
    expect(h.router.knowsSymbol('price', 'BTC', 'EUR')).to.equal(true);
  });

  it('keeps reference prices per market asked, so a EUR price is never the reference of a USD one', async () => {
    const h = createRouterHarness(specs());
    await h.router.route('price', { symbol: 'BTC', quote: 'EUR' });
    const references = h.container.get<ReferencePrices>(ReferencePrices);
    expect(references.referenceFor('BTC/EUR', 'other')).to.be.a('number');
    expect(references.referenceFor('BTC/USD', 'other')).to.equal(undefined);
    expect(references.referenceFor('BTC', 'other')).to.equal(undefined);
  });

  it('serves an aggregator\'s coin in each of its declared `parameterQuotes`, under the coin\'s own id, and in no other', async () => {
    const h = createRouterHarness([...specs(), { id: 'aggregate', weight: 1, priority: 5, declaration: { symbols: { BTC: 'bitcoin', ETH: 'ethereum' }, parameterQuotes: ['EUR', 'ETH'] } }]);
    const catalogue = h.container.get<MarketCatalogue>(MarketCatalogue);
    expect(catalogue.resolve('aggregate', 'BTC', 'ETH')).to.deep.equal({ base: 'BTC', quote: 'ETH', id: 'bitcoin', requestedQuote: 'ETH' });
    expect(catalogue.resolve('aggregate', 'BTC', 'GBP')).to.equal(undefined);
    expect(catalogue.resolve('aggregate', 'ETH', 'ETH'), 'never a coin in itself').to.equal(undefined);
    const quotes = catalogue.quotesOf('BTC');
    expect(quotes.get('ETH')).to.deep.equal([{ providerId: 'aggregate', name: 'AGGREGATE', id: 'bitcoin' }]);
    expect(quotes.get('EUR')!.map((server) => server.providerId)).to.deep.equal(['tether', 'aggregate']);
    const served = await h.router.route('price', { symbol: 'BTC', quote: 'ETH' });
    expect(served).to.deep.include({ providerId: 'aggregate', market: { base: 'BTC', quote: 'ETH', id: 'bitcoin', requestedQuote: 'ETH' } });
  });

  it('takes a consensus over markets in exactly the quote asked', async () => {
    const h = createRouterHarness([...specs(), { id: 'fourth', weight: 1, priority: 4, declaration: { symbols: { BTC: 'BTC' } } }]);
    const answer = await h.router.consensus('BTC');
    expect(answer.quote).to.equal('USD');
    expect(answer.sources.map((source) => source.providerId).sort()).to.deep.equal(['cent', 'dollar', 'fourth']);
    expect(answer.sources.find((source) => source.providerId === 'dollar')).to.include({ market: 'BTC-USD' });
    const eth = await h.router.consensus('ETH');
    expect(eth.sources.map((source) => source.providerId), 'the USDT market does not stand for USD in a consensus').to.deep.equal(['dollar']);
  });
});
