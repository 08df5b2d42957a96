import { expect } from 'chai';
import nock from 'nock';
import type { FetchContext, MarketRef } from '../../../core/providers/market-provider.js';
import coinCapPlugin from '../../../plugins/providers/coincap/index.js';
import coinGeckoPlugin from '../../../plugins/providers/coingecko/index.js';
import cryptoComparePlugin from '../../../plugins/providers/cryptocompare/index.js';
import { loadProvider, providerErrorOf } from '../../helpers/aggregator-harness.js';
import { useNock } from '../../helpers/provider-test-kit.js';
import { upstreamFixture } from '../../helpers/upstream-fixture.js';

const COINGECKO = 'https://api.coingecko.com';
const CRYPTOCOMPARE = 'https://min-api.cryptocompare.com';

/** The router's context for a call whose markets are `markets` (ticker → the provider's id and the quote asked). */
function inQuote(markets: Record<string, MarketRef>): FetchContext {
  return { signal: new AbortController().signal, marketFor: (ticker) => markets[ticker] };
}

/** The documented `/coins/markets` entry of bitcoin, its figures read as if in `vs`. */
function coinsMarketsEntry(): Record<string, unknown> {
  return structuredClone((upstreamFixture('coingecko.coins_markets').body as Record<string, unknown>[])[0]!);
}

describe('aggregators in other quotes (nock, documented shapes)', () => {
  useNock();

  describe('CoinGecko: the quote is `vs_currencies` / `vs_currency`', () => {
    const provider = (): ReturnType<typeof loadProvider> => loadProvider(coinGeckoPlugin, {});

    it('declares the vs currencies it prices every coin in, USDT not among them', () => {
      expect(provider().declaration.parameterQuotes).to.include.members(['EUR', 'GBP', 'JPY', 'BTC', 'ETH']);
      expect(provider().declaration.parameterQuotes).to.not.include('USDT');
    });

    it('takes its vs currencies from config, and names a malformed one', () => {
      expect(loadProvider(coinGeckoPlugin, { parameterQuotes: ['EUR'] }).declaration.parameterQuotes).to.deep.equal(['EUR']);
      expect(() => loadProvider(coinGeckoPlugin, { parameterQuotes: ['eur'] })).to.throw(/"providers\.coingecko\.parameterQuotes\[0\]": expected an upper-case currency code/);
    });

    it('asks /simple/price in the market\'s quote and reads the price under its lower-case code', async () => {
      nock(COINGECKO).get('/api/v3/simple/price').query({ ids: 'ethereum', vs_currencies: 'btc', include_last_updated_at: 'true' }).reply(200, { ethereum: { btc: 0.05231, last_updated_at: 1_711_356_300 } });
      const quote = await provider().fetch('price', { symbol: 'ETH', quote: 'BTC' }, inQuote({ ETH: { id: 'ethereum', quote: 'BTC' } }));
      expect(quote).to.deep.equal({ symbol: 'ETH', price: 0.05231, timestamp: 1_711_356_300 });
    });

    it('names the missing currency as schema drift when the answer has the coin but not the quote asked', async () => {
      nock(COINGECKO).get('/api/v3/simple/price').query(true).reply(200, upstreamFixture('coingecko.simple_price').body);
      const error = await providerErrorOf(provider().fetch('price', { symbol: 'BTC', quote: 'EUR' }, inQuote({ BTC: { id: 'bitcoin', quote: 'EUR' } })));
      expect(error.kind).to.equal('schema_drift');
      expect(error.message).to.include('bitcoin.eur');
    });

    it('batches many coins in one quote into one /simple/price call', async () => {
      nock(COINGECKO)
        .get('/api/v3/simple/price')
        .query({ ids: 'bitcoin,ethereum', vs_currencies: 'eur', include_last_updated_at: 'true' })
        .reply(200, { bitcoin: { eur: 62_000.5, last_updated_at: 1_711_356_300 }, ethereum: { eur: 3_240.25, last_updated_at: 1_711_356_300 } });
      const markets = { BTC: { id: 'bitcoin', quote: 'EUR' }, ETH: { id: 'ethereum', quote: 'EUR' } };
      const answers = await provider().fetchMany!('price', [{ symbol: 'BTC', quote: 'EUR' }, { symbol: 'ETH', quote: 'EUR' }], inQuote(markets));
      expect(answers.get('BTC')).to.deep.include({ price: 62_000.5 });
      expect(answers.get('ETH')).to.deep.include({ price: 3_240.25 });
      expect(nock.pendingMocks()).to.deep.equal([]);
    });

    it('asks the ticker and the candles in the market\'s quote', async () => {
      nock(COINGECKO).get('/api/v3/coins/markets').query({ vs_currency: 'gbp', ids: 'bitcoin' }).reply(200, [coinsMarketsEntry()]);
      nock(COINGECKO).get('/api/v3/coins/bitcoin/ohlc').query({ vs_currency: 'gbp', days: '1' }).reply(200, upstreamFixture('coingecko.coins_ohlc_recorded').body);
      const context = inQuote({ BTC: { id: 'bitcoin', quote: 'GBP' } });
      expect(await provider().fetch('ticker', { symbol: 'BTC', quote: 'GBP' }, context)).to.include({ symbol: 'BTC', price: 70_187 });
      const series = await provider().fetch('ohlcv', { symbol: 'BTC', quote: 'GBP', interval: '30m', limit: 2 }, context);
      expect(series.candles).to.have.length(2);
      expect(nock.pendingMocks()).to.deep.equal([]);
    });
  });

  describe('CryptoCompare: the quote is `tsyms` / `tsym`, never converted', () => {
    const provider = (): ReturnType<typeof loadProvider> => loadProvider(cryptoComparePlugin, {});

    it('declares the quotes CCCAGG trades majors in', () => {
      expect(provider().declaration.parameterQuotes).to.include.members(['EUR', 'GBP', 'BTC', 'ETH', 'USDT']);
    });

    it('asks /data/price in the market\'s quote with tryConversion=false and reads the price under its code', async () => {
      nock(CRYPTOCOMPARE).get('/data/price').query({ fsym: 'ETH', tsyms: 'BTC', tryConversion: 'false' }).reply(200, { BTC: 0.05229 });
      const quote = await provider().fetch('price', { symbol: 'ETH', quote: 'BTC' }, inQuote({ ETH: { id: 'ETH', quote: 'BTC' } }));
      expect(quote).to.include({ symbol: 'ETH', price: 0.05229 });
    });

    it('answers unknown_symbol for a pair CCCAGG does not trade (its Type 2 error), rather than a price through BTC', async () => {
      nock(CRYPTOCOMPARE).get('/data/price').query({ fsym: 'PEPE', tsyms: 'GBP', tryConversion: 'false' }).reply(200, upstreamFixture('cryptocompare.error_unknown_pair').body);
      const error = await providerErrorOf(provider().fetch('price', { symbol: 'PEPE', quote: 'GBP' }, inQuote({ PEPE: { id: 'PEPE', quote: 'GBP' } })));
      expect(error.kind).to.equal('unknown_symbol');
    });

    it('batches many coins in one quote into one /data/pricemulti call, leaving out a coin answered without that quote', async () => {
      nock(CRYPTOCOMPARE)
        .get('/data/pricemulti')
        .query({ fsyms: 'BTC,ETH,SOL', tsyms: 'EUR', tryConversion: 'false' })
        .reply(200, { BTC: { EUR: 62_001.2 }, ETH: { EUR: 3_240.1 }, SOL: {} });
      const markets = { BTC: { id: 'BTC', quote: 'EUR' }, ETH: { id: 'ETH', quote: 'EUR' }, SOL: { id: 'SOL', quote: 'EUR' } };
      const queries = ['BTC', 'ETH', 'SOL'].map((symbol) => ({ symbol, quote: 'EUR' }));
      const answers = await provider().fetchMany!('price', queries, inQuote(markets));
      expect(answers.get('BTC')).to.deep.include({ price: 62_001.2 });
      expect(answers.get('ETH')).to.deep.include({ price: 3_240.1 });
      expect(answers.has('SOL')).to.equal(false);
    });

    it('reads the ticker from RAW.<coin>.<quote> and asks the candles with tsym', async () => {
      const full = structuredClone(upstreamFixture('cryptocompare.pricemultifull').body) as { RAW: { BTC: Record<string, unknown> } };
      full.RAW.BTC = { EUR: { ...(full.RAW.BTC.USD as object), TOSYMBOL: 'EUR' } };
      nock(CRYPTOCOMPARE).get('/data/pricemultifull').query({ fsyms: 'BTC', tsyms: 'EUR', tryConversion: 'false' }).reply(200, full);
      const histo = upstreamFixture('cryptocompare.histohour_v1').body;
      nock(CRYPTOCOMPARE).get('/data/v2/histohour').query({ fsym: 'BTC', tsym: 'EUR', tryConversion: 'false', limit: '1', aggregate: '1' }).reply(200, histo);
      const context = inQuote({ BTC: { id: 'BTC', quote: 'EUR' } });
      expect(await provider().fetch('ticker', { symbol: 'BTC', quote: 'EUR' }, context)).to.have.property('symbol', 'BTC');
      expect((await provider().fetch('ohlcv', { symbol: 'BTC', quote: 'EUR', interval: '1h', limit: 2 }, context)).candles).to.have.length(2);
      expect(nock.pendingMocks()).to.deep.equal([]);
    });

    it('names RAW.<coin>.<quote> when the ticker answer lacks the quote asked', async () => {
      nock(CRYPTOCOMPARE).get('/data/pricemultifull').query(true).reply(200, upstreamFixture('cryptocompare.pricemultifull').body);
      const error = await providerErrorOf(provider().fetch('ticker', { symbol: 'BTC', quote: 'EUR' }, inQuote({ BTC: { id: 'BTC', quote: 'EUR' } })));
      expect(error.kind).to.equal('schema_drift');
      expect(error.message).to.include('RAW.BTC.EUR');
    });
  });

  it('CoinCap prices in USD only: it declares no other quote (its /rates would be our conversion, not its price)', () => {
    expect(loadProvider(coinCapPlugin, {}, { COINCAP_API_KEY: 'k' }).declaration.parameterQuotes).to.deep.equal([]);
  });
});
