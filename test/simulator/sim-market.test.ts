import { expect } from 'chai';
import { MARKET_ASSETS } from '../../simulator/market-assets.js';
import { SimMarket } from '../../simulator/sim-market.js';

const HOUR = 3_600_000;
const NOW = Date.UTC(2024, 2, 13, 12, 34, 56);

describe('SimMarket', () => {
  const market = new SimMarket(42);

  it('chains candles: each opens at the previous close, and high/low bound open and close', () => {
    for (const asset of MARKET_ASSETS) {
      const candles = market.candles(asset, 'binance', HOUR, NOW, 48, NOW);
      expect(candles).to.have.length(48);
      candles.forEach((candle, index) => {
        expect(candle.high).to.be.at.least(Math.max(candle.open, candle.close));
        expect(candle.low).to.be.at.most(Math.min(candle.open, candle.close));
        expect(candle.volume).to.be.greaterThan(0);
        if (index > 0) expect(candle.open).to.equal(candles[index - 1]!.close);
      });
      expect(candles[47]!.close, 'the in-progress candle closes at the current price').to.equal(market.price(asset, 'binance', NOW));
    }
  });

  it('never starts a candle in the future', () => {
    const [btc] = MARKET_ASSETS;
    const candles = market.candles(btc!, 'kraken', HOUR, NOW + 10 * HOUR, 5, NOW);
    expect(candles[candles.length - 1]!.openTimeMs).to.be.at.most(NOW);
  });

  it('sums the rolling 24 hours from the hourly candles', () => {
    const eth = MARKET_ASSETS.find((asset) => asset.symbol === 'ETH')!;
    const day = market.day(eth, 'coinbase', NOW);
    const hourly = market.candles(eth, 'coinbase', HOUR, NOW, 24, NOW);
    expect(day.volume).to.be.closeTo(hourly.reduce((sum, candle) => sum + candle.volume, 0), 1e-6);
    expect(day.open).to.equal(hourly[0]!.open);
    expect(day.changePercent).to.be.closeTo(((day.last - day.open) / day.open) * 100, 1e-9);
  });

  it('keeps venues within half a percent of each other and prices within sane bounds of their profile', () => {
    for (let step = 0; step < 200; step += 1) {
      const at = NOW + step * 7_919_000;
      for (const asset of MARKET_ASSETS) {
        const prices = (['binance', 'kraken', 'coinbase', 'bitstamp', 'gemini', 'coingecko'] as const).map((venue) => market.price(asset, venue, at));
        expect((Math.max(...prices) - Math.min(...prices)) / Math.min(...prices)).to.be.below(0.005);
        expect(prices[0]! / asset.basePrice).to.be.within(0.5, 2);
      }
    }
  });
});
