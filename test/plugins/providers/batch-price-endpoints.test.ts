import { expect } from 'chai';
import nock from 'nock';
import type { Plugin } from '../../../core/kernel/plugin.js';
import { isProviderError } from '../../../core/errors/index.js';
import type { BatchAnswers } from '../../../core/providers/batch-contribution.js';
import binancePlugin from '../../../plugins/providers/binance/index.js';
import bitstampPlugin from '../../../plugins/providers/bitstamp/index.js';
import coinGeckoPlugin from '../../../plugins/providers/coingecko/index.js';
import cryptoComparePlugin from '../../../plugins/providers/cryptocompare/index.js';
import geminiPlugin from '../../../plugins/providers/gemini/index.js';
import krakenPlugin from '../../../plugins/providers/kraken/index.js';
import { fetchContext, loadProvider, providerErrorOf } from '../../helpers/aggregator-harness.js';
import { useNock } from '../../helpers/provider-test-kit.js';
import { upstreamFixture } from '../../helpers/upstream-fixture.js';

const QUERIES = [{ symbol: 'BTC' }, { symbol: 'ETH' }, { symbol: 'SOL' }];

/** One provider's batch price endpoint: where it is, and bodies in its documented shape. */
interface BatchCase {
  plugin: Plugin;
  base: string;
  path: string;
  /** The query the three symbols must be asked with (undefined: the endpoint takes none). */
  query: Record<string, string> | undefined;
  /** A body answering BTC and ETH (SOL left out) with `btc` and `eth` as the prices, and `ethRow` for ETH's element. */
  body(btc: unknown, ethRow: unknown): nock.Body;
  /** ETH's element carrying `price`. */
  row(price: unknown): unknown;
}

const CASES: BatchCase[] = [
  {
    plugin: binancePlugin,
    base: 'https://data-api.binance.vision',
    path: '/api/v3/ticker/price',
    query: { symbols: '["BTCUSDT","ETHUSDT","SOLUSDT"]' },
    body: (btc, eth) => [{ symbol: 'BTCUSDT', price: btc }, eth, { price: '1.0' }],
    row: (price) => ({ symbol: 'ETHUSDT', price }),
  },
  {
    plugin: coinGeckoPlugin,
    base: 'https://api.coingecko.com',
    path: '/api/v3/simple/price',
    query: { ids: 'bitcoin,ethereum,solana', vs_currencies: 'usd', include_last_updated_at: 'true' },
    body: (btc, eth) => ({ bitcoin: { usd: btc, last_updated_at: 1_711_356_300 }, ethereum: eth }),
    row: (price) => ({ usd: price, last_updated_at: 1_711_356_300 }),
  },
  {
    plugin: cryptoComparePlugin,
    base: 'https://min-api.cryptocompare.com',
    path: '/data/pricemulti',
    query: { fsyms: 'BTC,ETH,SOL', tsyms: 'USD', tryConversion: 'false' },
    body: (btc, eth) => ({ BTC: { USD: btc }, ETH: eth }),
    row: (price) => ({ USD: price }),
  },
  {
    plugin: krakenPlugin,
    base: 'https://api.kraken.com',
    path: '/0/public/Ticker',
    query: { pair: 'XXBTZUSD,XETHZUSD,SOLUSD' },
    body: (btc, eth) => {
      const entry = (upstreamFixture('kraken.ticker').body as { result: Record<string, Record<string, unknown>> }).result.XBTUSDT!;
      return { error: [], result: { XXBTZUSD: { ...entry, c: [btc, '0.1'] }, XETHZUSD: eth } };
    },
    row: (price) => {
      const entry = (upstreamFixture('kraken.ticker').body as { result: Record<string, Record<string, unknown>> }).result.XBTUSDT!;
      return { ...entry, c: [price, '0.1'] };
    },
  },
  {
    plugin: geminiPlugin,
    base: 'https://api.gemini.com',
    path: '/v1/pricefeed',
    query: undefined,
    body: (btc, eth) => [{ pair: 'BTCUSD', price: btc, percentChange24h: '0.0123' }, eth, { pair: 'BTCEUR', price: '1', percentChange24h: '0' }],
    row: (price) => ({ pair: 'ETHUSD', price, percentChange24h: '-0.01' }),
  },
  {
    plugin: bitstampPlugin,
    base: 'https://www.bitstamp.net',
    path: '/api/v2/ticker/',
    query: undefined,
    body: (btc, eth) => [{ ...(upstreamFixture('bitstamp.ticker').body as object), last: btc, pair: 'BTC/USD' }, eth],
    row: (price) => ({ ...(upstreamFixture('bitstamp.ticker').body as object), last: price, pair: 'ETH/USD' }),
  },
];

function priceOf(answers: BatchAnswers<'price'>, symbol: string): number | string | undefined {
  const answer = answers.get(symbol);
  if (answer === undefined) return undefined;
  return isProviderError(answer) ? `${answer.kind}: ${answer.message}` : answer.price;
}

describe('batch price endpoints (nock, documented shapes)', () => {
  useNock();

  for (const batch of CASES) {
    describe(batch.plugin.name, () => {
      const provider = (): ReturnType<typeof loadProvider> => loadProvider(batch.plugin, {});
      const upstream = (): nock.Interceptor => {
        const scope = nock(batch.base).get(batch.path);
        return batch.query === undefined ? scope : scope.query(batch.query);
      };

      it('declares its batch endpoint with a limit and a weight', () => {
        const declared = provider().batchOf!('price');
        expect(declared?.limit.maxSymbols).to.be.greaterThan(1);
        expect(declared?.weight(100)).to.be.greaterThan(0);
      });

      it('asks for every symbol in one call and answers each, leaving out the one the upstream does not list', async () => {
        upstream().reply(200, batch.body('67187.33', batch.row('3512.5')));
        const answers = await provider().fetchMany!('price', QUERIES, fetchContext());
        expect(priceOf(answers, 'BTC')).to.equal(67_187.33);
        expect(priceOf(answers, 'ETH')).to.equal(3_512.5);
        expect(answers.has('SOL')).to.equal(false);
        expect(nock.pendingMocks()).to.deep.equal([]);
      });

      it('fails only the symbol whose element is bad: a price that is not a number, then one that is not sane', async () => {
        upstream().reply(200, batch.body('67187.33', batch.row('n/a')));
        const drifted = await provider().fetchMany!('price', QUERIES, fetchContext());
        expect(priceOf(drifted, 'BTC')).to.equal(67_187.33);
        expect(String(priceOf(drifted, 'ETH'))).to.match(/^schema_drift: /);
        upstream().reply(200, batch.body('67187.33', batch.row('-1')));
        const insane = await provider().fetchMany!('price', QUERIES, fetchContext());
        expect(priceOf(insane, 'BTC')).to.equal(67_187.33);
        expect(String(priceOf(insane, 'ETH'))).to.match(/^insane_value: /);
      });

      it('fails the whole call when the answer is not a batch at all', async () => {
        upstream().reply(200, 'null', { 'content-type': 'application/json' });
        expect((await providerErrorOf(provider().fetchMany!('price', QUERIES, fetchContext()))).kind).to.equal('schema_drift');
      });
    });
  }
});
