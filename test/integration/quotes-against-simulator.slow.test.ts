import { expect } from 'chai';
import type { SimulatedGateway } from '../../simulator/simulated-gateway.js';
import { useSimulatedGateway } from '../helpers/use-simulated-gateway.js';

type Json = Record<string, unknown>;
type Quotes = { quote: string; providers: { id: string; market: string }[] }[];

async function fetchJson(gateway: SimulatedGateway, path: string): Promise<{ status: number; body: Json }> {
  const response = await fetch(`${gateway.gatewayUrl}${path}`);
  return { status: response.status, body: (await response.json()) as Json };
}

describe('quotes end to end, through the simulator (the demo market)', function () {
  this.timeout(60_000);
  const gateway = useSimulatedGateway({ port: 0, env: { LOG_LEVEL: 'silent' } });
  const get = (path: string): ReturnType<typeof fetchJson> => fetchJson(gateway(), path);

  it('serves ETH in BTC from a venue or aggregator that lists it, priced in BTC, under that provider\'s market id', async () => {
    const { status, body } = await get('/api/market/price?symbol=ETH&quote=BTC');
    expect(status).to.equal(200);
    expect(body).to.include({ symbol: 'ETH', quote: 'BTC' });
    const ids: Record<string, string> = { Binance: 'ETHBTC', Coinbase: 'ETH-BTC', Kraken: 'XETHXXBT', Bitstamp: 'ethbtc', Gemini: 'ethbtc', CryptoCompare: 'ETH', CoinGecko: 'ethereum' };
    expect(body.market).to.equal(ids[body.source as string]);
    const eth = (await get('/api/market/price?symbol=ETH')).body.price as number;
    const btc = (await get('/api/market/price?symbol=BTC')).body.price as number;
    expect(body.price as number, 'ETH priced in BTC, not in USD').to.be.closeTo(eth / btc, (eth / btc) * 0.02);
  });

  it('lists, per base, each quote with the venues that really list it: BTC-quoted ETH everywhere but CoinCap, no GBP on Binance', async () => {
    const quotes = (await get('/api/market/markets?symbol=ETH')).body.quotes as Quotes;
    const servers = (quote: string): string[] => quotes.find((entry) => entry.quote === quote)!.providers.map((provider) => provider.id).sort();
    expect(servers('BTC')).to.deep.equal(['binance', 'bitstamp', 'coinbase', 'coingecko', 'cryptocompare', 'gemini', 'kraken']);
    expect(servers('GBP')).to.not.include('binance');
    expect(servers('EUR')).to.include.members(['binance', 'coinbase', 'kraken', 'bitstamp', 'gemini', 'coingecko']);
    expect(quotes.find((entry) => entry.quote === 'BTC')!.providers.find((provider) => provider.id === 'kraken')).to.include({ market: 'XETHXXBT' });
  });

  it('serves a quote only the aggregators price in (JPY) from them, and names the market when nobody serves it', async () => {
    const jpy = await get('/api/market/price?symbol=SOL&quote=JPY');
    expect(jpy.status).to.equal(200);
    expect(jpy.body).to.include({ quote: 'JPY' });
    expect(jpy.body.source).to.be.oneOf(['CoinGecko', 'CryptoCompare']);
    const missing = await get('/api/market/price?symbol=KNOWN&quote=EUR');
    expect(missing.status).to.equal(404);
    expect((missing.body.error as Json).message).to.contain('KNOWN/EUR');
  });

  it('answers /prices in a quote, each price in it, and tickers and candles in it too', async () => {
    const { status, body } = await get('/api/market/prices?symbols=BTC,ETH,SOL,XRP&quote=EUR');
    expect(status).to.equal(200);
    const prices = body.prices as { symbol: string; quote: string; price: number }[];
    expect(prices.map((price) => [price.symbol, price.quote])).to.deep.equal([['BTC', 'EUR'], ['ETH', 'EUR'], ['SOL', 'EUR'], ['XRP', 'EUR']]);
    const ticker = await get('/api/market/ticker?symbol=LTC/BTC');
    expect(ticker.status).to.equal(200);
    expect(ticker.body).to.include({ symbol: 'LTC', quote: 'BTC' });
    expect(ticker.body.price as number).to.be.below(0.01);
    const candles = await get('/api/market/ohlcv?symbol=ETH-BTC&interval=1h&limit=3');
    expect(candles.status).to.equal(200);
    const rows = candles.body.candles as number[][];
    expect(rows.length).to.be.greaterThan(0);
    for (const row of rows) expect(row[4]!, 'a close in BTC').to.be.within(0.01, 0.2);
  });

  it('answers /markets 400 naming the parameter for each bad form, and 404 naming a base nobody lists', async () => {
    const cases: [string, string][] = [
      ['page=0', 'page: must be at least 1'],
      ['page=x', 'page: expected a whole number'],
      ['pageSize=1000', 'pageSize: must be at most 200'],
      ['symbol=BTC/USD', 'symbol: expected a ticker of 1 to 15 letters or digits, such as BTC'],
      ['symbol=b%24', 'symbol: expected a ticker of 1 to 15 letters or digits, such as BTC'],
      ['limit=5', 'limit: unknown parameter'],
    ];
    for (const [query, message] of cases) {
      const { status, body } = await get(`/api/market/markets?${query}`);
      expect(status, query).to.equal(400);
      expect((body.error as Json).message, query).to.equal(message);
    }
    const missing = await get('/api/market/markets?symbol=nosuchcoin');
    expect(missing.status).to.equal(404);
    expect((missing.body.error as Json).message).to.contain('NOSUCHCOIN');
  });

  it('answers /prices of many bases in BTC with at most one batch call per provider used (CryptoCompare split by its 300 characters)', async () => {
    const listed = ((await get('/api/market/markets?pageSize=200')).body.markets as { symbol: string; quotes: Quotes }[])
      .filter((entry) => entry.symbol !== 'ETH' && entry.symbol !== 'LTC' && entry.quotes.some((quote) => quote.quote === 'BTC'))
      .map((entry) => entry.symbol);
    expect(listed.length).to.be.at.least(80);
    gateway().simulator.reset();
    const { status, body } = await get(`/api/market/prices?symbols=${listed.join(',')}&quote=BTC`);
    expect(status).to.equal(200);
    const prices = body.prices as { quote: string }[];
    expect(prices.length, 'answered in BTC').to.equal(listed.length);
    expect(prices.every((price) => price.quote === 'BTC')).to.equal(true);
    const calls = Object.entries(gateway().simulator.stats().calls).filter(([, count]) => count > 0);
    for (const [provider, count] of calls) expect(count, provider).to.be.at.most(provider === 'cryptocompare' ? 2 : 1);
  });
});
