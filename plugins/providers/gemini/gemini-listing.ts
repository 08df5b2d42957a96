import { listedMarket, listedMarkets, type ListedMarket, type MarketListingFunction, type UpstreamClient } from '../../../core/index.js';
import { GeminiSymbolsSchema } from './gemini-listing-schema.js';

/** Quote currencies Gemini's symbols end with (Gemini's symbol details list these as `quote_currency`). */
const GEMINI_QUOTES = ['gusd', 'rlusd', 'usdt', 'usdc', 'dai', 'usd', 'eur', 'gbp', 'sgd', 'btc', 'eth'];

/**
 * Gemini's spot markets from `/v1/symbols`, split into base and quote by their quote suffix
 * (asking `/v1/symbols/details` for each would cost one call per market). A symbol two suffixes
 * fit (`btcgusd`: BTC/GUSD or BTCG/USD; `omgusd`: OMG/USD or OM/GUSD) is read with the base that
 * other symbols of the list also have, else with the shorter quote. The list only holds symbols
 * open for trading, so a closed market drops off it; perpetuals (`…perp`) are left out.
 */
async function listGeminiMarkets(upstream: UpstreamClient): Promise<ListedMarket[]> {
  const response = await upstream.getJson('/v1/symbols');
  if (response.status !== 200) throw upstream.error('unavailable', `symbols answered HTTP ${response.status}`, { upstreamStatus: response.status });
  const symbols = upstream.parse('symbols answer', GeminiSymbolsSchema, response.body).filter((symbol) => !symbol.endsWith('perp'));
  const readings = new Map(symbols.map((symbol) => [symbol, GEMINI_QUOTES.filter((quote) => symbol.endsWith(quote) && symbol.length > quote.length)]));
  const unambiguousBases = new Set([...readings].flatMap(([symbol, quotes]) => (quotes.length === 1 ? [symbol.slice(0, -quotes[0]!.length)] : [])));
  return listedMarkets(
    [...readings].map(([symbol, quotes]) => {
      const known = quotes.filter((quote) => unambiguousBases.has(symbol.slice(0, -quote.length)));
      const quote = (known.length === 1 ? known : quotes).reduce<string | undefined>((shortest, candidate) => (shortest === undefined || candidate.length < shortest.length ? candidate : shortest), undefined);
      return quote === undefined ? undefined : listedMarket(symbol.slice(0, -quote.length), quote, symbol, true);
    }),
  );
}

export const GEMINI_LISTING: MarketListingFunction = listGeminiMarkets;
