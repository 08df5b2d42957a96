/** Decimal places a venue would quote this price with: cents for BTC, more for sub-dollar coins, four significant digits at least for prices in BTC. */
export function priceDecimals(price: number): number {
  if (price >= 1000) return 2;
  if (price >= 10) return 3;
  if (price >= 1) return 4;
  if (price >= 0.01) return 6;
  return Math.min(12, 3 - Math.floor(Math.log10(price)));
}

/** Rounds to a price tick, as a number (for APIs that send JSON numbers). */
export function roundPrice(price: number): number {
  return roundTo(price, priceDecimals(price));
}

/** Rounds to a price tick, as a string (for APIs that send prices as strings). */
export function priceString(price: number): string {
  return price.toFixed(priceDecimals(price));
}

/** Rounds to `decimals` places, as a number. */
export function roundTo(value: number, decimals: number): number {
  return Number(value.toFixed(decimals));
}

/** Binance pads every decimal string to 8 places after rounding to the tick ("73369.84000000"). */
export function binanceDecimal(value: number, decimals: number): string {
  return roundTo(value, decimals).toFixed(8);
}
