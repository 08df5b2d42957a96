/** First and last trade id of a window. */
export interface TradeIds {
  first: number;
  last: number;
}

/** Trade ids that only grow with time, so successive tickers look like one venue's tape. */
export function tradeIds(nowMs: number, trades: number): TradeIds {
  const last = Math.floor(nowMs / 50);
  return { first: last - trades + 1, last };
}
