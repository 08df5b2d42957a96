import { BadRequestError } from '../../../core/index.js';
import type { SymbolNotation } from './market-query-schemas.js';

/** The base and quote a request asks for. */
export interface RequestedMarket {
  symbol: string;
  quote: string;
}

/**
 * The market asked for by `symbol` (a ticker, or `BTC/USDT`, `BTC-USD`) and the `quote` parameter;
 * USD when neither names a quote. A quote in both that disagrees is a 400 naming `quote`.
 */
export function requestedMarket(symbol: SymbolNotation, quote: string | undefined): RequestedMarket {
  if (symbol.quote !== undefined && quote !== undefined && symbol.quote !== quote) {
    throw new BadRequestError(`quote: ${quote} contradicts the quote ${symbol.quote} in symbol ${symbol.base}/${symbol.quote}`);
  }
  return { symbol: symbol.base, quote: symbol.quote ?? quote ?? 'USD' };
}
