import { listedMarket, listedMarkets, type ListedMarket, type MarketListingFunction, type UpstreamClient } from '../../../core/index.js';
import { GeminiSymbolsSchema } from './gemini-listing-schema.js';

/**
 * Quote currencies Gemini's symbols end with, longest first so `gusd` is not read as `usd`
 * (Gemini's symbol details list these as `quote_currency`).
 */
const GEMINI_QUOTES = ['gusd', 'rlusd', 'usdt', 'usdc', 'dai', 'usd', 'eur', 'gbp', 'sgd', 'btc', 'eth'];

/**
 * Gemini's spot markets from `/v1/symbols`, split into base and quote by their quote suffix
 * (asking `/v1/symbols/details` for each would cost one call per market). The list only holds
 * symbols open for trading, so a closed market drops off it; perpetuals (`…perp`) are left out.
 */
async function listGeminiMarkets(upstream: UpstreamClient): Promise<ListedMarket[]> {
  const response = await upstream.getJson('/v1/symbols');
  if (response.status !== 200) throw upstream.error('unavailable', `symbols answered HTTP ${response.status}`, { upstreamStatus: response.status });
  const symbols = upstream.parse('symbols answer', GeminiSymbolsSchema, response.body);
  return listedMarkets(
    symbols.map((symbol) => {
      if (symbol.endsWith('perp')) return undefined;
      const quote = GEMINI_QUOTES.find((candidate) => symbol.endsWith(candidate) && symbol.length > candidate.length);
      return quote === undefined ? undefined : listedMarket(symbol.slice(0, -quote.length), quote, symbol, true);
    }),
  );
}

export const GEMINI_LISTING: MarketListingFunction = listGeminiMarkets;
