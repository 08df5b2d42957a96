import { z } from 'zod';

/** A currency code as markets name them: upper-case letters and digits, e.g. `BTC`, `USDT`, `1INCH`. */
export const CurrencyCodeSchema = z.string().regex(/^[A-Z0-9]{1,15}$/, 'expected an upper-case currency code such as "USDT"');

/** Whether a listed market takes orders now; only `trading` markets are served. */
export const MARKET_STATUSES = ['trading', 'halted'] as const;

/** One market a provider lists: our base and quote codes and the provider's own identifier of it. */
export const ListedMarketSchema = z.strictObject({
  base: CurrencyCodeSchema,
  quote: CurrencyCodeSchema,
  /** The provider's identifier: `BTCUSDT`, `XXBTZUSD`, `BTC-USD`, `btcusd`, or CoinGecko's coin id `bitcoin`. */
  id: z.string().min(1),
  status: z.enum(MARKET_STATUSES),
});

/** One listed market. */
export type ListedMarket = z.infer<typeof ListedMarketSchema>;

/** `BASE/QUOTE`, the key a market is known by across providers. */
export function marketKey(base: string, quote: string): string {
  return `${base}/${quote}`;
}

/**
 * A listing entry as a ListedMarket, codes upper-cased; undefined when a code is not one we can
 * serve (an exchange's test asset with odd characters), so listings skip it rather than fail.
 */
export function listedMarket(base: string, quote: string, id: string, trading: boolean): ListedMarket | undefined {
  const market = { base: base.toUpperCase(), quote: quote.toUpperCase(), id, status: trading ? 'trading' : 'halted' };
  const parsed = ListedMarketSchema.safeParse(market);
  return parsed.success ? parsed.data : undefined;
}

/** The markets of a listing, entries `listedMarket` refuses left out. */
export function listedMarkets(entries: Iterable<ListedMarket | undefined>): ListedMarket[] {
  return [...entries].filter((market): market is ListedMarket => market !== undefined);
}
