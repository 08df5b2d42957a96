import { expect } from 'chai';
import nock from 'nock';
import krakenPlugin from '../../../../plugins/providers/kraken/index.js';
import { fetchContext, loadProvider, loadProviders } from '../../../helpers/aggregator-harness.js';
import { callsOn, itDeclaresDefaults, itMapsAnswers, itMapsTransportFailures, itRefusesUnmappedSymbols, itRejectsInsaneValues, itTellsTimeByTheInjectedClock, useNock } from '../../../helpers/provider-test-kit.js';
import { upstreamFixture } from '../../../helpers/upstream-fixture.js';

const BASE = 'https://api.kraken.com';

type TickerEntry = Record<string, unknown>;

/** The recorded XBTUSDT ticker entry. */
function recordedTickerEntry(): TickerEntry {
  return structuredClone((upstreamFixture('kraken.ticker').body as { result: Record<string, TickerEntry> }).result.XBTUSDT!);
}

/** The recorded XBTUSDT OHLC rows. */
function recordedOhlcRows(): unknown[][] {
  return structuredClone((upstreamFixture('kraken.ohlc').body as { result: { XBTUSDT: unknown[][] } }).result.XBTUSDT);
}

/** A Ticker answer holding `entry` under XXBTZUSD. */
function tickerBody(entry: TickerEntry): { error: string[]; result: Record<string, TickerEntry> } {
  return { error: [], result: { XXBTZUSD: entry } };
}

/** An OHLC answer holding the recorded rows (with `change` applied) under XXBTZUSD. */
function ohlcBody(change: (rows: unknown[][]) => void = () => undefined): { error: string[]; result: { XXBTZUSD: unknown[][]; last: number } } {
  const rows = recordedOhlcRows();
  change(rows);
  return { error: [], result: { XXBTZUSD: rows, last: 1706796000 } };
}

describe('krakenPlugin (declaration and capabilities)', () => {
  useNock();

  const provider = (overrides?: Record<string, unknown>): ReturnType<typeof loadProvider> => loadProvider(krakenPlugin, overrides);
  const call = callsOn(provider);
  const price = call('price', { symbol: 'BTC' }, () => nock(BASE).get('/0/public/Ticker').query(true));
  const ticker = call('ticker', { symbol: 'BTC' }, price.upstream);
  const ohlcv = call('ohlcv', { symbol: 'BTC', interval: '1h', limit: 6 }, () => nock(BASE).get('/0/public/OHLC').query(true));

  describe('declaration', () => {
    itDeclaresDefaults('declares its defaults with Kraken canonical pair names (XBT, XDG, legacy X/Z keys)', provider, {
      name: 'Kraken', baseUrl: 'https://api.kraken.com/0/public', weight: 20, priority: 3, capabilities: ['price', 'ticker', 'ohlcv'],
      symbols: { BTC: 'XXBTZUSD', ETH: 'XETHZUSD', DOGE: 'XDGUSD', SOL: 'SOLUSD' }, rateLimit: { requests: 60, windowMs: 60_000, minIntervalMs: 1_000 },
    });

    it('applies config overrides (base URL, weight)', async () => {
      const kraken = provider({ baseUrl: 'http://mirror.test/kraken', weight: 3 });
      expect(kraken.declaration.weight).to.equal(3);
      nock('http://mirror.test').get('/kraken/Ticker').query({ pair: 'XETHZUSD' }).reply(200, { error: [], result: { XETHZUSD: recordedTickerEntry() } });
      const quote = await kraken.fetch('price', { symbol: 'ETH' }, fetchContext());
      expect(quote.price).to.equal(73380.6);
    });
  });

  describe('price', () => {
    itTellsTimeByTheInjectedClock('its price', (clock) => {
      nock(BASE).get('/0/public/Ticker').query({ pair: 'XXBTZUSD' }).reply(200, tickerBody(recordedTickerEntry()));
      return loadProviders(krakenPlugin, { clock })[0]!.fetch('price', { symbol: 'BTC' }, fetchContext());
    });

    itTellsTimeByTheInjectedClock('its ticker', (clock) => {
      nock(BASE).get('/0/public/Ticker').query({ pair: 'XXBTZUSD' }).reply(200, tickerBody(recordedTickerEntry()));
      return loadProviders(krakenPlugin, { clock })[0]!.fetch('ticker', { symbol: 'BTC' }, fetchContext());
    });

    it('reads c[0] of /0/public/Ticker keyed XXBTZUSD', async () => {
      nock(BASE).get('/0/public/Ticker').query({ pair: 'XXBTZUSD' }).reply(200, tickerBody(recordedTickerEntry()));
      const before = Math.floor(Date.now() / 1000);
      const quote = await provider().fetch('price', { symbol: 'BTC' }, fetchContext());
      expect(quote.symbol).to.equal('BTC');
      expect(quote.price).to.equal(73380.6);
      expect(quote.timestamp).to.be.within(before, Math.floor(Date.now() / 1000));
    });

    it('takes the lone pair key when a configured altname answers under the canonical name', async () => {
      nock(BASE).get('/0/public/Ticker').query({ pair: 'XBTUSD' }).reply(200, tickerBody(recordedTickerEntry()));
      const quote = await provider({ symbols: { BTC: 'XBTUSD' } }).fetch('price', { symbol: 'BTC' }, fetchContext());
      expect(quote.price).to.equal(73380.6);
    });
  });

  describe('ticker', () => {
    it('reads the recorded XBTUSDT answer: last 24 h high, low and volume; no change field', async () => {
      nock(BASE).get('/0/public/Ticker').query({ pair: 'XBTUSDT' }).reply(200, upstreamFixture('kraken.ticker').body);
      const ticker = await provider({ symbols: { BTC: 'XBTUSDT' } }).fetch('ticker', { symbol: 'BTC' }, fetchContext());
      // `o` is today's open, not the price 24 h ago; Kraken states no change and no quote volume.
      expect(ticker).to.include({ symbol: 'BTC', price: 73380.6, bid: 73380.6, ask: 73380.7, open24h: null, high24h: 73580, low24h: 68666, baseVolume24h: 598.03698452, quoteVolume24h: null, change24h: null, changePercent24h: null });
    });

    const { h: _h, ...withoutHigh } = recordedTickerEntry();
    itMapsAnswers(ticker, [
      { title: 'names a missing field as schema drift', body: tickerBody(withoutHigh), error: { kind: 'schema_drift' }, naming: 'result.XXBTZUSD.h' },
      { title: 'rejects a negative 24 h low as insane_value', body: tickerBody({ ...recordedTickerEntry(), l: ['71321.8', '-1'] }), error: { kind: 'insane_value' }, naming: 'l[1]' },
    ]);
  });

  describe('ohlcv', () => {
    it('reads /0/public/OHLC (recorded body) with the interval in minutes, keeping the last `limit` rows', async () => {
      nock(BASE).get('/0/public/OHLC').query({ pair: 'XBTUSDT', interval: '60' }).reply(200, upstreamFixture('kraken.ohlc').body);
      const series = await provider({ symbols: { BTC: 'XBTUSDT' } }).fetch('ohlcv', { symbol: 'BTC', interval: '1h', limit: 2 }, fetchContext());
      expect(series).to.deep.equal({
        symbol: 'BTC',
        interval: '1h',
        candles: [
          [1706641200, 43375, 43539.7, 43357.1, 43539.7, 10.82796308],
          [1706799600, 42633.7, 42905.4, 42545.2, 42548.5, 75.60416795],
        ],
      });
    });

    const minutes: [interval: '1m' | '5m' | '15m' | '30m' | '4h' | '1d', minutes: string][] = [
      ['1m', '1'],
      ['5m', '5'],
      ['15m', '15'],
      ['30m', '30'],
      ['4h', '240'],
      ['1d', '1440'],
    ];
    for (const [interval, value] of minutes) {
      it(`asks interval=${value} for ${interval}`, async () => {
        nock(BASE).get('/0/public/OHLC').query({ pair: 'XXBTZUSD', interval: value }).reply(200, ohlcBody());
        const series = await provider().fetch('ohlcv', { symbol: 'BTC', interval, limit: 720 }, fetchContext());
        expect(series.candles).to.have.length(6);
      });
    }

    itMapsAnswers(ohlcv, [
      { title: 'names a missing close in a row as schema drift', body: ohlcBody((rows) => (rows[0] = rows[0]!.slice(0, 4))), error: { kind: 'schema_drift' }, naming: 'result.XXBTZUSD[0]' },
      { title: 'rejects an absurd high as insane, naming the row', body: ohlcBody((rows) => (rows[3]![2] = '99999999999')), error: { kind: 'insane_value' }, naming: 'result.XXBTZUSD[3][2]' },
    ]);
  });

  describe('errors', () => {
    itRefusesUnmappedSymbols(provider);

    const notAPair = callsOn(() => provider({ symbols: { NOPE: 'NOTAPAIR' } }))('ticker', { symbol: 'NOPE' }, () => nock(BASE).get('/0/public/Ticker').query({ pair: 'NOTAPAIR' }));
    itMapsAnswers(notAPair, [
      {
        title: 'maps "EQuery:Unknown asset pair" inside HTTP 200 (recorded) to unknown_symbol',
        body: upstreamFixture('kraken.error_unknown_pair').body,
        error: { kind: 'unknown_symbol' },
        naming: 'EQuery:Unknown asset pair',
      },
    ]);

    itMapsAnswers(price, [
      { title: 'maps "EGeneral:Too many requests" inside HTTP 200 to rate_limited', body: upstreamFixture('kraken.error_rate_limited').body, error: { kind: 'rate_limited' } },
      { title: 'maps any other in-body error to unavailable with its text', body: { error: ['EService:Unavailable'] }, error: { kind: 'unavailable' }, naming: 'EService:Unavailable' },
      { title: 'reports a body without the error array as schema drift naming the field', body: { result: { XXBTZUSD: recordedTickerEntry() } }, error: { kind: 'schema_drift' }, naming: '"error"' },
    ]);
    itMapsAnswers(ohlcv, [{ title: 'maps "EAPI:Rate limit exceeded" to rate_limited', body: { error: ['EAPI:Rate limit exceeded'] }, error: { kind: 'rate_limited' } }]);

    itMapsTransportFailures(price, {
      rateLimited: { retryAfterSeconds: 5, body: upstreamFixture('kraken.error_rate_limited').body },
      unavailable: [
        [500, 'oops'],
        [520, '<html>cloudflare</html>'],
      ],
      notJson: 'EGeneral:Internal error',
    });

    itRejectsInsaneValues(price, {
      what: 'a last price',
      values: ['0', '-5', '123456789012'],
      body: (last) => tickerBody({ ...recordedTickerEntry(), c: [last, '0.1'] }),
    });
  });
});
