import { expect } from 'chai';
import type { Ticker } from '../../core/providers/capability.js';
import { createSimulatedGateway, type SimulatedGateway } from '../../simulator/simulated-gateway.js';
import { silentLogger } from '../helpers/test-app.js';
import { expectTicker } from './providers-answer-checks.js';

type StatedField = Exclude<keyof Ticker, 'symbol' | 'price' | 'timestamp'>;

/** The ticker fields each provider states (the README's table); every other one must be null. */
const STATED: Readonly<Record<string, readonly StatedField[]>> = {
  binance: ['bid', 'ask', 'open24h', 'high24h', 'low24h', 'baseVolume24h', 'quoteVolume24h', 'change24h', 'changePercent24h'],
  kraken: ['bid', 'ask', 'high24h', 'low24h', 'baseVolume24h'],
  coinbase: ['open24h', 'high24h', 'low24h', 'baseVolume24h'],
  bitstamp: ['bid', 'ask', 'open24h', 'high24h', 'low24h', 'baseVolume24h', 'changePercent24h'],
  gemini: ['bid', 'ask', 'open24h', 'high24h', 'low24h', 'baseVolume24h', 'quoteVolume24h'],
  cryptocompare: ['open24h', 'high24h', 'low24h', 'baseVolume24h', 'quoteVolume24h', 'change24h', 'changePercent24h'],
  coingecko: ['high24h', 'low24h', 'quoteVolume24h', 'change24h', 'changePercent24h'],
  coincap: ['quoteVolume24h', 'changePercent24h'],
};
const ALL_FIELDS: readonly StatedField[] = ['bid', 'ask', 'open24h', 'high24h', 'low24h', 'baseVolume24h', 'quoteVolume24h', 'change24h', 'changePercent24h'];

describe('ticker fields per provider, at the simulator', function () {
  this.timeout(30_000);
  let gateway: SimulatedGateway;

  before(async () => {
    gateway = await createSimulatedGateway({ config: { server: { port: 0, host: '127.0.0.1' }, plugins: [...Object.keys(STATED), 'market-api'] }, logger: silentLogger, simulator: { seed: 3 } });
  });
  after(() => gateway.stop());

  for (const [id, stated] of Object.entries(STATED)) {
    it(`${id} states ${stated.join(', ')} and nothing else`, async () => {
      for (const symbol of ['BTC', 'SOL']) {
        const ticker = await gateway.provider(id).fetch('ticker', { symbol }, { signal: AbortSignal.timeout(5_000) });
        expectTicker(ticker, symbol);
        const given = ALL_FIELDS.filter((field) => ticker[field] !== null);
        expect(given, `${id} ${symbol}`).to.deep.equal(stated);
        if (ticker.open24h !== null && ticker.change24h !== null) expect(ticker.change24h, `${id} change24h`).to.be.closeTo(ticker.price - ticker.open24h, ticker.price * 0.01);
      }
    });
  }
});
