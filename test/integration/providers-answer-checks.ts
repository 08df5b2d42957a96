import { expect } from 'chai';
import {
  INTERVAL_SECONDS,
  type FearGreedIndex,
  type GasPrices,
  type Interval,
  type OhlcvSeries,
  type PriceQuote,
  type Ticker,
} from '../../core/providers/capability.js';

/** How far a "current" timestamp may sit from our clock: the simulator runs on the same clock, so this is generous. */
const MAX_SKEW_SECONDS = 300;

/** The Fear & Greed index is published once a day. */
const FEAR_GREED_MAX_AGE_SECONDS = 2 * 86_400;

/** The newest candle may trail now by the open one plus a couple of closed ones (CoinGecko stamps late). */
const NEWEST_CANDLE_MAX_LAG_INTERVALS = 3;

function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}

/** A price a client can use: finite and above zero. */
export function expectPositivePrice(value: number, what: string): void {
  expect(Number.isFinite(value), `${what} is finite`).to.equal(true);
  expect(value, what).to.be.greaterThan(0);
}

/** An integer Unix-seconds timestamp within `maxAgeSeconds` before now (and not in the future beyond clock skew). */
export function expectRecentTimestamp(timestamp: number, what: string, maxAgeSeconds: number = MAX_SKEW_SECONDS): void {
  const now = nowSeconds();
  expect(Number.isInteger(timestamp), `${what} is whole seconds`).to.equal(true);
  expect(timestamp, `${what} not in the future`).to.be.at.most(now + MAX_SKEW_SECONDS);
  expect(timestamp, `${what} recent`).to.be.at.least(now - maxAgeSeconds);
}

/** A spot price for the symbol asked. */
export function expectPriceQuote(quote: PriceQuote, symbol: string): void {
  expect(quote.symbol).to.equal(symbol);
  expectPositivePrice(quote.price, `${symbol} price`);
  expectRecentTimestamp(quote.timestamp, `${symbol} price timestamp`);
}

/** A 24 h ticker for the symbol asked: every price it states positive, its last price inside its own 24 h range, its book not crossed. */
export function expectTicker(ticker: Ticker, symbol: string): void {
  expect(ticker.symbol).to.equal(symbol);
  expectPositivePrice(ticker.price, `${symbol} price`);
  for (const field of ['bid', 'ask', 'open24h', 'high24h', 'low24h'] as const) {
    const value = ticker[field];
    if (value !== null) expectPositivePrice(value, `${symbol} ${field}`);
  }
  if (ticker.high24h !== null && ticker.low24h !== null) {
    expect(ticker.high24h, `${symbol} high24h ≥ low24h`).to.be.at.least(ticker.low24h);
    expect(ticker.price, `${symbol} price within the 24 h range`).to.be.within(ticker.low24h, ticker.high24h);
  }
  if (ticker.bid !== null && ticker.ask !== null) expect(ticker.bid, `${symbol} bid ≤ ask`).to.be.at.most(ticker.ask);
  for (const field of ['baseVolume24h', 'quoteVolume24h'] as const) {
    const value = ticker[field];
    if (value !== null) expect(Number.isFinite(value) && value >= 0, `${symbol} ${field} is a volume`).to.equal(true);
  }
  if (ticker.changePercent24h !== null) expect(ticker.changePercent24h, `${symbol} changePercent24h`).to.be.within(-100, 1000);
  expectRecentTimestamp(ticker.timestamp, `${symbol} ticker timestamp`);
}

/**
 * Candles for the symbol and interval asked: at most `limit`, at least one, ascending, aligned to
 * and spaced by the interval, each with high ≥ open, close ≥ low, the newest one recent.
 */
export function expectCandles(series: OhlcvSeries, symbol: string, interval: Interval, limit: number): void {
  const width = INTERVAL_SECONDS[interval];
  const { candles } = series;
  expect(series.symbol).to.equal(symbol);
  expect(series.interval).to.equal(interval);
  expect(candles.length, `${symbol} ${interval} candle count`).to.be.within(1, limit);
  candles.forEach(([time, open, high, low, close, volume], index) => {
    const what = `${symbol} ${interval} candle ${index}`;
    for (const [name, value] of [['open', open], ['high', high], ['low', low], ['close', close]] as const) expectPositivePrice(value, `${what} ${name}`);
    expect(high, `${what} high ≥ open, close`).to.be.at.least(Math.max(open, close));
    expect(low, `${what} low ≤ open, close`).to.be.at.most(Math.min(open, close));
    expect(time % width, `${what} opens on an interval boundary`).to.equal(0);
    if (volume !== null) expect(Number.isFinite(volume) && volume >= 0, `${what} volume`).to.equal(true);
    if (index > 0) expect(time - candles[index - 1]![0], `${what} spacing`).to.equal(width);
  });
  expectRecentTimestamp(candles.at(-1)![0], `${symbol} ${interval} newest candle`, width * NEWEST_CANDLE_MAX_LAG_INTERVALS);
}

/** A Fear & Greed reading: an integer 0–100 with its label, from the last two days. */
export function expectFearGreed(index: FearGreedIndex): void {
  expect(Number.isInteger(index.value), 'index value is an integer').to.equal(true);
  expect(index.value).to.be.within(0, 100);
  expect(index.classification).to.be.a('string').and.not.equal('');
  expectRecentTimestamp(index.timestamp, 'fear-greed timestamp', FEAR_GREED_MAX_AGE_SECONDS);
}

/** Gas prices in gwei, ordered safe ≤ propose ≤ fast. */
export function expectGasPrices(gas: GasPrices): void {
  expectPositivePrice(gas.safe, 'safe gas price');
  expect(gas.propose, 'propose ≥ safe').to.be.at.least(gas.safe);
  expect(gas.fast, 'fast ≥ propose').to.be.at.least(gas.propose);
  if (gas.baseFee !== null) expect(Number.isFinite(gas.baseFee) && gas.baseFee >= 0, 'base fee').to.equal(true);
  expectRecentTimestamp(gas.timestamp, 'gas timestamp');
}
