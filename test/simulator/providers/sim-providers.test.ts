import { expect } from 'chai';
import { upstreamFixture } from '../../helpers/upstream-fixture.js';
import { ManualClock } from '../../../simulator/sim-clock.js';
import type { SimProviderId } from '../../../simulator/sim-provider-id.js';
import { startUpstreamSimulator, type UpstreamSimulator } from '../../../simulator/upstream-simulator.js';
import { expectSameShape, type TypeExceptions } from '../../helpers/expect-same-shape.js';
import { call } from '../../helpers/sim-client.js';

interface ShapeCase {
  what: string;
  provider: SimProviderId;
  path: string;
  /** test/fixtures/upstream/<fixture>.json, whose body gives the field names and types. */
  fixture: string;
  status?: number;
  exceptions?: TypeExceptions;
}

// ccxt's recorder turned these documented integers into strings (FACTS.md); the simulator emits the documented type.
const CCXT_STRINGIFIED: Readonly<Record<string, TypeExceptions>> = {
  'coinbase_exchange.product_ticker': { trade_id: 'number' },
  'gemini.pubticker': { 'volume.timestamp': 'number' },
  'kraken.ohlc': { 'result.last': 'number' },
};

const HAPPY: readonly ShapeCase[] = [
  { what: 'price', provider: 'binance', path: '/api/v3/ticker/price?symbol=BTCUSDT', fixture: 'binance.ticker_price' },
  { what: '24h ticker (docs types)', provider: 'binance', path: '/api/v3/ticker/24hr?symbol=BTCUSDT', fixture: 'binance.ticker_24hr.docs' },
  { what: 'klines', provider: 'binance', path: '/api/v3/klines?symbol=BTCUSDT&interval=1h&limit=3', fixture: 'binance.klines' },
  { what: 'ticker', provider: 'kraken', path: '/0/public/Ticker?pair=XBTUSDT', fixture: 'kraken.ticker' },
  { what: 'OHLC', provider: 'kraken', path: '/0/public/OHLC?pair=XBTUSDT&interval=60', fixture: 'kraken.ohlc' },
  { what: 'v2 spot price', provider: 'coinbase', path: '/v2/prices/BTC-USD/spot', fixture: 'coinbase.v2_spot_price' },
  { what: 'Exchange ticker', provider: 'coinbase', path: '/products/BTC-USDT/ticker', fixture: 'coinbase_exchange.product_ticker' },
  { what: 'Exchange candles', provider: 'coinbase', path: '/products/BTC-USDT/candles?granularity=3600', fixture: 'coinbase_exchange.candles' },
  { what: 'Advanced public ticker', provider: 'coinbase', path: '/api/v3/brokerage/market/products/BTC-USDC/ticker?limit=1', fixture: 'coinbase_advanced.public_product_ticker' },
  { what: 'ticker', provider: 'bitstamp', path: '/api/v2/ticker/btcusdt/', fixture: 'bitstamp.ticker' },
  { what: 'OHLC', provider: 'bitstamp', path: '/api/v2/ohlc/btcusdt/?step=3600&limit=1', fixture: 'bitstamp.ohlc' },
  { what: 'pubticker', provider: 'gemini', path: '/v1/pubticker/btcusdt', fixture: 'gemini.pubticker' },
  { what: 'candles', provider: 'gemini', path: '/v2/candles/btcusdt/1hr', fixture: 'gemini.candles' },
  { what: 'price', provider: 'cryptocompare', path: '/data/price?fsym=BTC&tsyms=USD', fixture: 'cryptocompare.price' },
  { what: 'pricemulti', provider: 'cryptocompare', path: '/data/pricemulti?fsyms=BTC&tsyms=USD', fixture: 'cryptocompare.pricemulti' },
  { what: 'pricemultifull', provider: 'cryptocompare', path: '/data/pricemultifull?fsyms=BTC&tsyms=USD', fixture: 'cryptocompare.pricemultifull' },
  { what: 'histohour (v1)', provider: 'cryptocompare', path: '/data/histohour?fsym=BTC&tsym=USD&limit=10', fixture: 'cryptocompare.histohour_v1' },
  {
    what: 'simple price with every include flag',
    provider: 'coingecko',
    path: '/api/v3/simple/price?ids=bitcoin&vs_currencies=usd&include_market_cap=true&include_24hr_vol=true&include_24hr_change=true&include_last_updated_at=true',
    fixture: 'coingecko.simple_price',
  },
  { what: 'coins markets', provider: 'coingecko', path: '/api/v3/coins/markets?vs_currency=usd&ids=bitcoin', fixture: 'coingecko.coins_markets' },
  { what: 'coin OHLC', provider: 'coingecko', path: '/api/v3/coins/bitcoin/ohlc?vs_currency=usd&days=1', fixture: 'coingecko.coins_ohlc' },
  { what: 'asset', provider: 'coincap', path: '/v3/assets/bitcoin?apiKey=demo', fixture: 'coincap.v2_asset_bitcoin' },
  { what: 'assets', provider: 'coincap', path: '/v3/assets?ids=bitcoin,ethereum&apiKey=demo', fixture: 'coincap.v2_assets' },
  { what: 'fear and greed', provider: 'alternative-me', path: '/fng/?limit=1', fixture: 'alternative_me.fng' },
  { what: 'gas oracle', provider: 'etherscan', path: '/v2/api?chainid=1&module=gastracker&action=gasoracle&apikey=demo', fixture: 'etherscan.gasoracle' },
];

const UNKNOWN: readonly ShapeCase[] = [
  { what: 'invalid symbol (400)', provider: 'binance', path: '/api/v3/ticker/price?symbol=NOTAPAIR', fixture: 'binance.error_invalid_symbol', status: 400 },
  { what: 'unknown pair in HTTP 200', provider: 'kraken', path: '/0/public/Ticker?pair=NOTAPAIR', fixture: 'kraken.error_unknown_pair', status: 200 },
  { what: 'v2 invalid currency', provider: 'coinbase', path: '/v2/prices/NOPE-USD/spot', fixture: 'coinbase.v2_error_invalid_request', status: 400 },
  { what: 'unknown pair in HTTP 200', provider: 'cryptocompare', path: '/data/pricemultifull?fsyms=EZETH&tsyms=USD', fixture: 'cryptocompare.error_unknown_pair', status: 200 },
  { what: 'unknown id dropped: 200 {}', provider: 'coingecko', path: '/api/v3/simple/price?ids=xrp&vs_currencies=usd', fixture: 'coingecko.simple_price_unknown_id', status: 200 },
  { what: 'unknown coin on /coins/{id}', provider: 'coingecko', path: '/api/v3/coins/uponly/ohlc?vs_currency=usd&days=1', fixture: 'coingecko.error_coin_not_found', status: 404 },
  { what: 'retired v2 answers its farewell', provider: 'coincap', path: '/v2/assets', fixture: 'coincap.v2_deprecated_message', status: 200 },
  { what: 'V1 endpoint deprecated', provider: 'etherscan', path: '/api?module=gastracker&action=gasoracle&apikey=demo', fixture: 'etherscan.error_v1_deprecated', status: 200 },
];

describe('SIM_PROVIDERS: answer shapes of the simulated providers', () => {
  let sim: UpstreamSimulator;

  before(async () => {
    sim = await startUpstreamSimulator({ seed: 3, clock: new ManualClock(), rateLimits: false });
  });
  after(async () => sim.close());

  for (const shape of HAPPY) {
    it(`${shape.provider}: ${shape.what} has the fields and types of ${shape.fixture}`, async () => {
      const answer = await call(sim.baseUrlOf(shape.provider) + shape.path);
      expect(answer.status, answer.text).to.equal(200);
      expect(answer.headers.get('content-type')).to.match(/^application\/json/);
      expectSameShape(answer.body, upstreamFixture(shape.fixture).body, CCXT_STRINGIFIED[shape.fixture]);
    });
  }

  for (const shape of UNKNOWN) {
    it(`${shape.provider}: ${shape.what} answers like ${shape.fixture}`, async () => {
      const answer = await call(sim.baseUrlOf(shape.provider) + shape.path);
      expect(answer.status, answer.text).to.equal(shape.status);
      expectSameShape(answer.body, upstreamFixture(shape.fixture).body);
    });
  }

  it('cryptocompare: the v2 histo endpoints wrap limit + 1 rows in Data.Data', async () => {
    const answer = await call(`${sim.baseUrlOf('cryptocompare')}/data/v2/histoday?fsym=ETH&tsym=USD&limit=5`);
    const body = answer.body as { Response: string; Data: { Data: Array<{ time: number; close: number }> } };
    expect(body.Response).to.equal('Success');
    expect(body.Data.Data).to.have.length(6);
    expect(body.Data.Data.every((row) => typeof row.close === 'number' && row.time % 86_400 === 0)).to.equal(true);
  });

  it('generic: the http-json endpoint answers {"data":{"last":"<string>","ts":<seconds>}} and 404 for an unknown symbol', async () => {
    const known = await call(`${sim.baseUrlOf('generic')}/api/v1/ticker/BTC`);
    expect(known.status).to.equal(200);
    expectSameShape(known.body, { data: { last: '123.4', ts: 1711356300 } });
    const unknown = await call(`${sim.baseUrlOf('generic')}/api/v1/ticker/NOPE`);
    expect(unknown.status).to.equal(404);
  });

  it('etherscan and coincap reject a missing API key like the real APIs, and accept any non-empty one', async () => {
    const gas = await call(`${sim.baseUrlOf('etherscan')}/v2/api?chainid=1&module=gastracker&action=gasoracle`);
    expect(gas.status).to.equal(200);
    expect(gas.body).to.deep.equal({ status: '0', message: 'NOTOK', result: 'Missing/Invalid API Key' });
    const coincap = await call(`${sim.baseUrlOf('coincap')}/v3/assets/bitcoin`);
    expect(coincap.status).to.equal(401);
    const bearer = await fetch(`${sim.baseUrlOf('coincap')}/v3/assets/bitcoin`, { headers: { authorization: 'Bearer anything' } });
    expect(bearer.status).to.equal(200);
    await bearer.text();
  });

  it('serves the same answer whether or not the real base path is kept in the base URL', async () => {
    const withBase = await call(`${sim.baseUrlOf('coingecko')}/api/v3/simple/price?ids=solana&vs_currencies=usd`);
    const without = await call(`${sim.baseUrlOf('coingecko')}/simple/price?ids=solana&vs_currencies=usd`);
    expect(without.body).to.deep.equal(withBase.body);
    const kraken = await call(`${sim.baseUrlOf('kraken')}/Ticker?pair=XBTUSD`);
    expect(Object.keys((kraken.body as { result: object }).result)).to.deep.equal(['XXBTZUSD']);
  });

  it('answers an unknown path in the provider shape and an unknown provider with 404', async () => {
    const path = await call(`${sim.baseUrlOf('kraken')}/0/public/Nope`);
    expect(path.status).to.equal(404);
    expect(path.body).to.deep.equal({ error: ['EGeneral:Unknown method'] });
    const provider = await call(`${sim.url}/nope/api`);
    expect(provider.status).to.equal(404);
  });
});
