/**
 * Every provider the simulator imitates, by the id the gateway's provider plugins use, plus
 * `generic`: a made-up JSON API for a config-declared `http-json` provider.
 */
export const SIM_PROVIDER_IDS = [
  'binance',
  'kraken',
  'coinbase',
  'bitstamp',
  'gemini',
  'cryptocompare',
  'coingecko',
  'coincap',
  'alternative-me',
  'etherscan',
  'generic',
] as const;

/** One simulated provider id; also the first path segment of its base URL. */
export type SimProviderId = (typeof SIM_PROVIDER_IDS)[number];

/** Type guard for a provider id taken from a URL or a request body. */
export function isSimProviderId(value: string): value is SimProviderId {
  return (SIM_PROVIDER_IDS as readonly string[]).includes(value);
}

/** Builds `{ binance: f('binance'), ... }` over every provider, so per-provider tables never miss one. */
export function perProvider<T>(make: (id: SimProviderId) => T): Record<SimProviderId, T> {
  return Object.fromEntries(SIM_PROVIDER_IDS.map((id) => [id, make(id)])) as Record<SimProviderId, T>;
}
