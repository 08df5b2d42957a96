import { expect } from 'chai';
import { SystemClock } from '../../../../core/clock/clock.js';
import { ProviderError } from '../../../../core/errors/index.js';
import { OHLCV_COLUMNS, saneCandle, type CandleField, type CandleValues } from '../../../../core/providers/http/sane-candle.js';
import type { SanityContext } from '../../../../core/providers/http/sanity.js';

const VENUE: SanityContext = { providerId: 'venue', clock: new SystemClock() };

const VALUES: CandleValues = { time: 1710288000, open: 10, high: 12, low: 9, close: 11, volume: 3 };
const columnPath = (field: CandleField): string => `[7][${OHLCV_COLUMNS[field]}]`;

function insaneValueMessage(values: CandleValues): string {
  try {
    saneCandle(VENUE, values, columnPath);
  } catch (error) {
    expect(error).to.be.instanceOf(ProviderError);
    expect((error as ProviderError).kind).to.equal('insane_value');
    return (error as ProviderError).message;
  }
  throw new Error('expected insane_value');
}

describe('saneCandle', () => {
  it('builds our candle from named values, in time, open, high, low, close, volume order', () => {
    expect(saneCandle(VENUE, VALUES, columnPath)).to.deep.equal([1710288000, 10, 12, 9, 11, 3]);
  });

  it('normalises a millisecond time to seconds and keeps an unknown volume unknown', () => {
    expect(saneCandle(VENUE, { ...VALUES, time: 1710288000123, volume: null }, columnPath)).to.deep.equal([1710288000, 10, 12, 9, 11, null]);
  });

  it('names where an insane price, volume or time sits in the answer', () => {
    expect(insaneValueMessage({ ...VALUES, low: 0 })).to.contain('[7][3]');
    expect(insaneValueMessage({ ...VALUES, close: 123_456_789_012 })).to.contain('[7][4]');
    expect(insaneValueMessage({ ...VALUES, volume: -1 })).to.contain('[7][5]');
    expect(insaneValueMessage({ ...VALUES, time: 42 })).to.contain('[7][0]');
  });
});
