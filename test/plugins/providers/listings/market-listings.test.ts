import { expect } from 'chai';
import nock from 'nock';
import type { ListedMarket } from '../../../../core/markets/listed-market.js';
import type { Plugin } from '../../../../core/kernel/plugin.js';
import binancePlugin from '../../../../plugins/providers/binance/index.js';
import bitstampPlugin from '../../../../plugins/providers/bitstamp/index.js';
import coinbasePlugin from '../../../../plugins/providers/coinbase/index.js';
import coincapPlugin from '../../../../plugins/providers/coincap/index.js';
import coingeckoPlugin from '../../../../plugins/providers/coingecko/index.js';
import cryptocomparePlugin from '../../../../plugins/providers/cryptocompare/index.js';
import geminiPlugin from '../../../../plugins/providers/gemini/index.js';
import krakenPlugin from '../../../../plugins/providers/kraken/index.js';
import { fetchContext, loadProvider, providerErrorOf } from '../../../helpers/aggregator-harness.js';
import { useNock } from '../../../helpers/provider-test-kit.js';
import { upstreamFixture } from '../../../helpers/upstream-fixture.js';

/** The provider's listing, read through its plugin as the market catalogue reads it. */
function listingOf(plugin: Plugin, env?: NodeJS.ProcessEnv): Promise<ListedMarket[]> {
  const provider = loadProvider(plugin, undefined, env);
  expect(provider.listMarkets, `${plugin.name} declares a listing`).to.be.a('function');
  return provider.listMarkets!(fetchContext());
}

/** `BASE/QUOTE id status` of each market, sorted, for compact assertions. */
function summary(markets: readonly ListedMarket[]): string[] {
  return markets.map((market) => `${market.base}/${market.quote} ${market.id} ${market.status}`).sort();
}

describe('market listings (nock, documented shapes)', () => {
  useNock();

  it('Binance: exchangeInfo symbols; TRADING with spot allowed trades, BREAK, HALT and spot-disabled are halted', async () => {
    nock('https://data-api.binance.vision').get('/api/v3/exchangeInfo').reply(200, upstreamFixture('binance.exchange_info').body);
    expect(summary(await listingOf(binancePlugin))).to.deep.equal([
      'BNB/BTC BNBBTC trading',
      'BNB/USDT BNBUSDT trading',
      'BTC/USDT BTCUSDT trading',
      'ETH/EUR ETHEUR trading',
      'LUNA/USDT LUNAUSDT halted',
      'MARG/USDT MARGUSDT halted',
      'OLD/USDT OLDUSDT halted',
    ]);
  });

  it('Binance: a failed exchangeInfo is unavailable, a drifted one schema_drift', async () => {
    nock('https://data-api.binance.vision').get('/api/v3/exchangeInfo').reply(500, 'oops');
    expect((await providerErrorOf(listingOf(binancePlugin))).kind).to.equal('unavailable');
    nock('https://data-api.binance.vision').get('/api/v3/exchangeInfo').reply(200, { symbols: [{ symbol: 'BTCUSDT' }] });
    expect((await providerErrorOf(listingOf(binancePlugin))).kind).to.equal('schema_drift');
  });

  it('Kraken: AssetPairs by pair key, XBT read as BTC and XDG as DOGE, only online pairs trading', async () => {
    nock('https://api.kraken.com').get('/0/public/AssetPairs').reply(200, upstreamFixture('kraken.asset_pairs').body);
    expect(summary(await listingOf(krakenPlugin))).to.deep.equal([
      'ADA/GBP ADAGBP halted',
      'BTC/EUR XXBTZEUR trading',
      'BTC/USD XXBTZUSD trading',
      'DOGE/USD XDGUSD trading',
      'DOT/EUR DOTEUR halted',
      'SOL/USDT SOLUSDT trading',
    ]);
  });

  it('Kraken: an error array in HTTP 200 fails the listing, a rate limit as rate_limited', async () => {
    nock('https://api.kraken.com').get('/0/public/AssetPairs').reply(200, { error: ['EGeneral:Too many requests'] });
    expect((await providerErrorOf(listingOf(krakenPlugin))).kind).to.equal('rate_limited');
    nock('https://api.kraken.com').get('/0/public/AssetPairs').reply(200, { error: ['EService:Unavailable'] });
    expect(await providerErrorOf(listingOf(krakenPlugin))).to.include({ kind: 'unavailable', message: 'kraken: EService:Unavailable' });
  });

  it('Coinbase: products online and not disabled or cancel-only trade; delisted, disabled and cancel-only are halted', async () => {
    nock('https://api.exchange.coinbase.com').get('/products').reply(200, upstreamFixture('coinbase_exchange.products').body);
    expect(summary(await listingOf(coinbasePlugin))).to.deep.equal([
      'BTC/USD BTC-USD trading',
      'ETH/EUR ETH-EUR trading',
      'GONE/USD GONE-USD halted',
      'ONLYCB/USD ONLYCB-USD trading',
      'PAUSE/USD PAUSE-USD halted',
      'USDC/GBP USDC-GBP trading',
      'WIND/USD WIND-USD halted',
    ]);
  });

  it('Bitstamp: trading-pairs-info by url_symbol, Disabled pairs halted', async () => {
    nock('https://www.bitstamp.net').get('/api/v2/trading-pairs-info/').reply(200, upstreamFixture('bitstamp.trading_pairs_info').body);
    expect(summary(await listingOf(bitstampPlugin))).to.deep.equal(['BTC/EUR btceur trading', 'BTC/USD btcusd trading', 'FOO/USD foousd halted', 'XRP/GBP xrpgbp trading']);
  });

  it('Gemini: symbols split at their quote, an ambiguous one by the bases the list has, perpetuals and unreadable symbols left out', async () => {
    nock('https://api.gemini.com').get('/v1/symbols').reply(200, upstreamFixture('gemini.symbols').body);
    expect(summary(await listingOf(geminiPlugin))).to.deep.equal(['BTC/GUSD btcgusd trading', 'BTC/USD btcusd trading', 'ETH/BTC ethbtc trading', 'LINK/EUR linkeur trading', 'OMG/USD omgusd trading', 'SOL/USDT solusdt trading']);
  });

  it('CoinGecko: a ticker several coins share goes to the largest market cap, never the first listed; an unranked collision is left out', async () => {
    const api = nock('https://api.coingecko.com');
    api.get('/api/v3/coins/list').reply(200, upstreamFixture('coingecko.coins_list').body);
    api.get('/api/v3/coins/markets').query({ vs_currency: 'usd', order: 'market_cap_desc', per_page: '250', page: '1' }).reply(200, upstreamFixture('coingecko.coins_by_market_cap').body);
    expect(summary(await listingOf(coingeckoPlugin))).to.deep.equal(['BNB/USD binancecoin trading', 'BTC/USD bitcoin trading', 'ETH/USD ethereum trading']);
    expect(api.isDone()).to.equal(true);
  });

  it('CoinGecko: the collision is settled by market cap even when the larger coin is listed after the smaller', async () => {
    const coins = [...(upstreamFixture('coingecko.coins_list').body as object[])].reverse();
    const ranked = [...(upstreamFixture('coingecko.coins_by_market_cap').body as object[])].reverse();
    nock('https://api.coingecko.com').get('/api/v3/coins/list').reply(200, coins).get('/api/v3/coins/markets').query(true).reply(200, ranked);
    expect(summary(await listingOf(coingeckoPlugin))).to.include('ETH/USD ethereum trading');
  });

  it('CoinCap: assets by id, a shared ticker going to the best rank; the key sent as a bearer token', async () => {
    nock('https://rest.coincap.io', { reqheaders: { authorization: 'Bearer k3y' } })
      .get('/v3/assets')
      .query({ limit: '2000' })
      .reply(200, upstreamFixture('coincap.assets_listing').body);
    expect(summary(await listingOf(coincapPlugin, { COINCAP_API_KEY: 'k3y' }))).to.deep.equal(['BNB/USD bnb trading', 'BTC/USD bitcoin trading', 'ETH/USD ethereum trading']);
  });

  it('CryptoCompare: coinlist tickers in USD, IsTrading false halted, unservable tickers left out; its in-body rate limit is rate_limited', async () => {
    nock('https://min-api.cryptocompare.com').get('/data/all/coinlist').query({ summary: 'true' }).reply(200, upstreamFixture('cryptocompare.coinlist').body);
    expect(summary(await listingOf(cryptocomparePlugin))).to.deep.equal(['BNB/USD BNB trading', 'BTC/USD BTC trading', 'DEAD/USD DEAD halted']);
    nock('https://min-api.cryptocompare.com').get('/data/all/coinlist').query(true).reply(200, upstreamFixture('cryptocompare.error_rate_limited').body);
    expect((await providerErrorOf(listingOf(cryptocomparePlugin))).kind).to.equal('rate_limited');
  });
});
