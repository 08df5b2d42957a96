import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect } from 'chai';
import { ServiceUnavailableError, UnknownSymbolError, UnsupportedQueryError } from '../../../../core/errors/index.js';
import type { BatchCapability, Capability, CapabilityQuery, CapabilityResult } from '../../../../core/providers/capability.js';
import type { BatchRoutedAnswer, ConsensusAnswer, MarketRouter, RouteOptions, RoutedAnswer } from '../../../../core/router/market-router.js';
import { MarketAnswers } from '../../../../plugins/api/market/market-answers.js';
import { MarketRoutes } from '../../../../plugins/api/market/market-routes.js';
import { koaAppWithRoutes } from '../../../helpers/koa-app-with-routes.js';

const NOW = 1_795_000_000;
const PRICES: Record<string, number> = { BTC: 67_187.33, ETH: 3_512.5 };

/** Every answer stays fresh 30 s more. */
const FRESHNESS = { freshnessLeftMs: (): number => 30_000 };

/** The routes over `router`, with fixed freshness. */
function marketRoutes(router: MarketRouter): MarketRoutes {
  return new MarketRoutes(router, new MarketAnswers(FRESHNESS), FRESHNESS);
}

/** A MarketRouter double that records what it was asked and answers from fixed data. */
class RecordingRouter implements MarketRouter {
  readonly calls: { capability: Capability; query: unknown }[] = [];
  unavailable = false;

  route<C extends Capability>(capability: C, query: CapabilityQuery<C>): Promise<RoutedAnswer<C>> {
    this.calls.push({ capability, query });
    if (this.unavailable) return Promise.reject(new ServiceUnavailableError('every provider failed', { retryAfterSeconds: 30 }));
    const symbol = (query as { symbol?: string }).symbol ?? '';
    const price = PRICES[symbol] ?? 1;
    const data: Record<Capability, unknown> = {
      price: { symbol, price, timestamp: NOW },
      ticker: { symbol, price, bid: price * 0.999, ask: price * 1.001, open24h: price / 1.015, high24h: price * 1.01, low24h: price * 0.99, baseVolume24h: 1234, quoteVolume24h: null, change24h: null, changePercent24h: 1.5, timestamp: NOW },
      ohlcv: { symbol, interval: (query as { interval?: string }).interval, candles: [[NOW - 3600, 1, 2, 0.5, 1.5, 10]] },
      'fear-greed': { value: 25, classification: 'Extreme Fear', timestamp: NOW },
      gas: { safe: 0.49, propose: 0.5, fast: 0.55, baseFee: 0.48, timestamp: NOW },
    };
    // Like Binance: a USD request is answered from its USDT market, any other quote from its own.
    const asked = (query as { quote?: string }).quote;
    const quote = asked === 'USD' ? 'USDT' : asked;
    const market = asked === undefined ? undefined : { base: symbol, quote: quote!, id: `${symbol}${quote}`, requestedQuote: asked };
    return Promise.resolve({ data: data[capability] as CapabilityResult<C>, providerId: 'binance', source: 'Binance', cached: true, stale: false, fetchedAt: NOW * 1000, ...(market === undefined ? {} : { market }) });
  }

  async routeMany<C extends BatchCapability>(capability: C, symbols: readonly string[], _options?: RouteOptions, quote = 'USD'): Promise<BatchRoutedAnswer<C>[]> {
    return Promise.all(
      symbols.map((symbol) =>
        this.route(capability, { symbol, quote } as CapabilityQuery<C>).then(
          (answer) => ({ symbol, answer }),
          (error: unknown) => ({ symbol, error: error as Error }),
        ),
      ),
    );
  }

  consensus(symbol: string): Promise<ConsensusAnswer> {
    return Promise.resolve({ symbol, quote: 'USD', price: PRICES[symbol]!, spreadPercent: 0.1, sources: [], outliers: [], timestamp: NOW });
  }

  knowsSymbol(_capability: Capability, symbol: string, quote = 'USD'): boolean {
    return symbol in PRICES && quote !== 'JPY';
  }
}

describe('MarketRoutes', () => {
  let server: Server;
  let baseUrl: string;
  const router = new RecordingRouter();

  before(async () => {
    server = koaAppWithRoutes([marketRoutes(router)]).listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  after(() => new Promise((resolve) => server.close(resolve)));

  beforeEach(() => {
    router.calls.length = 0;
    router.unavailable = false;
  });

  async function get(path: string): Promise<{ status: number; body: Record<string, unknown>; headers: Headers }> {
    const response = await fetch(`${baseUrl}${path}`);
    return { status: response.status, body: (await response.json()) as Record<string, unknown>, headers: response.headers };
  }

  async function expectBadRequest(path: string, message: string): Promise<void> {
    const { status, body } = await get(path);
    expect(status, path).to.equal(400);
    expect((body.error as { code: string; message: string }).message, path).to.equal(message);
    expect(router.calls, `${path} must not reach the router`).to.have.length(0);
  }

  it('answers a price in the SPEC shape, with the symbol upper-cased', async () => {
    const { status, body } = await get('/api/market/price?symbol=btc');
    expect(status).to.equal(200);
    expect(body).to.deep.equal({ symbol: 'BTC', price: 67_187.33, timestamp: NOW, quote: 'USDT', market: 'BTCUSDT', requestedQuote: 'USD', source: 'Binance', cached: true });
    expect(router.calls).to.deep.equal([{ capability: 'price', query: { symbol: 'BTC', quote: 'USD' } }]);
  });

  it('reads the quote from the quote parameter or the symbol (BTC/USDT, btc-eur), and names the market answered from', async () => {
    for (const path of ['/api/market/price?symbol=BTC&quote=eur', '/api/market/price?symbol=btc-eur', '/api/market/price?symbol=BTC/EUR', '/api/market/price?symbol=BTC%2FEUR&quote=EUR']) {
      const { status, body } = await get(path);
      expect(status, path).to.equal(200);
      expect(body, path).to.deep.include({ symbol: 'BTC', quote: 'EUR', market: 'BTCEUR' });
      expect(body, path).not.to.have.property('requestedQuote');
    }
    expect(router.calls.map((call) => call.query)).to.deep.equal(Array.from({ length: 4 }, () => ({ symbol: 'BTC', quote: 'EUR' })));
    expect((await get('/api/market/ticker?symbol=eth/usdt')).body).to.deep.include({ symbol: 'ETH', quote: 'USDT', market: 'ETHUSDT' });
    expect((await get('/api/market/ohlcv?symbol=ETH&quote=BTC')).body).to.deep.include({ symbol: 'ETH', quote: 'BTC', market: 'ETHBTC' });
    const prices = await get('/api/market/prices?symbols=BTC,ETH/EUR&quote=EUR');
    expect((prices.body.prices as { symbol: string; quote: string }[]).map((price) => `${price.symbol}/${price.quote}`)).to.deep.equal(['BTC/EUR', 'ETH/EUR']);
  });

  it('answers 404 naming the market when no provider lists the symbol in that quote', async () => {
    const { status, body } = await get('/api/market/price?symbol=BTC&quote=JPY');
    expect(status).to.equal(404);
    expect((body.error as { message: string }).message).to.equal('Unknown symbol BTC/JPY: no enabled provider lists it for price');
    expect(router.calls).to.have.length(0);
  });

  it('answers consensus mode with the median and its sources', async () => {
    const { body } = await get('/api/market/price?symbol=ETH&mode=consensus');
    expect(body).to.deep.include({ mode: 'consensus', symbol: 'ETH', price: 3_512.5, spreadPercent: 0.1 });
  });

  it('answers many prices at once and reports unknown ones separately', async () => {
    const { status, body } = await get('/api/market/prices?symbols=BTC,eth,DOGEX,BTC');
    expect(status).to.equal(200);
    expect((body.prices as { symbol: string }[]).map((price) => price.symbol)).to.deep.equal(['BTC', 'ETH']);
    expect(body.errors).to.deep.equal([{ symbol: 'DOGEX', quote: 'USD', error: { code: 'unknown_symbol', message: 'Unknown symbol DOGEX: no enabled provider lists it for price' } }]);
  });

  it('answers ticker, ohlcv, fear-greed and gas with their source', async () => {
    expect((await get('/api/market/ticker?symbol=BTC')).body).to.deep.include({ symbol: 'BTC', changePercent24h: 1.5, source: 'Binance' });
    const ohlcv = await get('/api/market/ohlcv?symbol=BTC&interval=4h&limit=10');
    expect(ohlcv.body).to.deep.include({ symbol: 'BTC', interval: '4h', candles: [[NOW - 3600, 1, 2, 0.5, 1.5, 10]] });
    expect(router.calls.at(-1)).to.deep.equal({ capability: 'ohlcv', query: { symbol: 'BTC', quote: 'USD', interval: '4h', limit: 10 } });
    expect((await get('/api/market/fear-greed')).body).to.deep.include({ value: 25, classification: 'Extreme Fear', source: 'Binance' });
    expect((await get('/api/market/gas')).body).to.deep.include({ safe: 0.49, propose: 0.5, fast: 0.55, unit: 'gwei' });
  });

  it('defaults ohlcv to 24 hourly candles', async () => {
    await get('/api/market/ohlcv?symbol=BTC');
    expect(router.calls).to.deep.equal([{ capability: 'ohlcv', query: { symbol: 'BTC', quote: 'USD', interval: '1h', limit: 24 } }]);
  });

  it('answers 400 naming the parameter for every bad input, before any upstream call', async () => {
    await expectBadRequest('/api/market/price', 'symbol: is required');
    await expectBadRequest('/api/market/price?symbol=', 'symbol: expected a ticker such as BTC, or a market such as BTC/USDT or BTC-USD (1 to 15 letters or digits each)');
    await expectBadRequest('/api/market/price?symbol=BTC%3Cscript%3E', 'symbol: expected a ticker such as BTC, or a market such as BTC/USDT or BTC-USD (1 to 15 letters or digits each)');
    for (const notation of ['BTC/', '/USD', 'BTC/USD/EUR', 'BTC--USD', 'BTC_USD', 'BTC/US%24', 'BTC:USD']) {
      await expectBadRequest(`/api/market/price?symbol=${notation}`, 'symbol: expected a ticker such as BTC, or a market such as BTC/USDT or BTC-USD (1 to 15 letters or digits each)');
    }
    await expectBadRequest('/api/market/price?symbol=BTC&quote=', 'quote: expected a currency code of 1 to 15 letters or digits, such as USD, USDT, EUR or BTC');
    await expectBadRequest('/api/market/price?symbol=BTC&quote=US%20D', 'quote: expected a currency code of 1 to 15 letters or digits, such as USD, USDT, EUR or BTC');
    await expectBadRequest('/api/market/price?symbol=BTC&quote=USD&quote=EUR', 'quote: given more than once');
    await expectBadRequest('/api/market/price?symbol=BTC/USDT&quote=EUR', 'quote: EUR contradicts the quote USDT in symbol BTC/USDT');
    await expectBadRequest('/api/market/ticker?symbol=BTC-USD&quote=GBP', 'quote: GBP contradicts the quote USD in symbol BTC/USD');
    await expectBadRequest('/api/market/prices?symbols=BTC,ETH/X%21', 'symbols: ' + 'symbol: expected a ticker such as BTC, or a market such as BTC/USDT or BTC-USD (1 to 15 letters or digits each)'.slice('symbol: '.length));
    await expectBadRequest('/api/market/price?symbol=BTC&symbol=ETH', 'symbol: given more than once');
    await expectBadRequest('/api/market/price?symbol=BTC&mode=fastest', 'mode: expected "routed" or "consensus"');
    await expectBadRequest('/api/market/price?symbol=BTC&base=EUR', 'base: unknown parameter');
    await expectBadRequest('/api/market/prices', 'symbols: is required');
    await expectBadRequest('/api/market/prices?symbols=,,', 'symbols: expected at least one symbol, such as BTC,ETH');
    await expectBadRequest(`/api/market/prices?symbols=${Array.from({ length: 251 }, (_, i) => `S${i}`).join(',')}`, 'symbols: at most 250 symbols per request');
    await expectBadRequest('/api/market/ohlcv?symbol=BTC&interval=2h', 'interval: expected one of 1m, 5m, 15m, 30m, 1h, 4h, 1d');
    await expectBadRequest('/api/market/ohlcv?symbol=BTC&limit=0', 'limit: must be at least 1');
    await expectBadRequest('/api/market/ohlcv?symbol=BTC&limit=501', 'limit: must be at most 500');
    await expectBadRequest('/api/market/ohlcv?symbol=BTC&limit=ten', 'limit: expected a whole number');
    await expectBadRequest('/api/market/gas?chain=2', 'chain: unknown parameter');
  });

  it('answers 404 for a symbol no provider knows, without calling the router', async () => {
    const { status, body } = await get('/api/market/price?symbol=NOPE');
    expect(status).to.equal(404);
    expect((body.error as { code: string }).code).to.equal('unknown_symbol');
    expect(router.calls).to.have.length(0);
  });

  it('answers 503 with Retry-After when nothing can answer', async () => {
    router.unavailable = true;
    const { status, headers, body } = await get('/api/market/price?symbol=BTC');
    expect(status).to.equal(503);
    expect(headers.get('retry-after')).to.equal('30');
    expect((body.error as { code: string }).code).to.equal('unavailable');
  });

  it('passes a 404 from the router through when every provider says the symbol is unknown', async () => {
    const failing = new RecordingRouter();
    failing.route = () => Promise.reject(new UnknownSymbolError('no provider knows BTC'));
    const other = koaAppWithRoutes([marketRoutes(failing)]).listen(0, '127.0.0.1');
    await new Promise((resolve) => other.once('listening', resolve));
    try {
      const response = await fetch(`http://127.0.0.1:${(other.address() as AddressInfo).port}/api/market/prices?symbols=BTC`);
      expect(response.status).to.equal(404);
    } finally {
      await new Promise((resolve) => other.close(resolve));
    }
  });

  it('answers 404 "unsupported", not 500, when the router finds no provider that serves the query', async () => {
    const failing = new RecordingRouter();
    failing.route = () => Promise.reject(new UnsupportedQueryError('No provider serves this ohlcv query: coingecko: has no 1m candles'));
    const other = koaAppWithRoutes([marketRoutes(failing)]).listen(0, '127.0.0.1');
    await new Promise((resolve) => other.once('listening', resolve));
    try {
      const response = await fetch(`http://127.0.0.1:${(other.address() as AddressInfo).port}/api/market/ohlcv?symbol=BTC&interval=1m`);
      expect(response.status).to.equal(404);
      const body = (await response.json()) as { error: { code: string; message: string } };
      expect(body.error.code).to.equal('unsupported');
      expect(body.error.message).to.contain('has no 1m candles');
    } finally {
      await new Promise((resolve) => other.close(resolve));
    }
  });
});
