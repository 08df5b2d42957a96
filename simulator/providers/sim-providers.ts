import { perProvider, type SimProviderId } from '../sim-provider-id.js';
import type { SimProvider } from '../sim-route.js';
import { ALTERNATIVE_ME_SIM } from './alternative-me-sim.js';
import { BINANCE_SIM } from './binance-sim.js';
import { BITSTAMP_SIM } from './bitstamp-sim.js';
import { COINBASE_SIM } from './coinbase-sim.js';
import { COINCAP_SIM } from './coincap-sim.js';
import { COINGECKO_SIM } from './coingecko-sim.js';
import { CRYPTOCOMPARE_SIM } from './cryptocompare-sim.js';
import { ETHERSCAN_SIM } from './etherscan-sim.js';
import { GEMINI_SIM } from './gemini-sim.js';
import { GENERIC_SIM } from './generic-sim.js';
import { KRAKEN_SIM } from './kraken-sim.js';
import { LISTING_ROUTES } from './listing-routes.js';

const ALL: readonly SimProvider[] = [
  BINANCE_SIM,
  KRAKEN_SIM,
  COINBASE_SIM,
  BITSTAMP_SIM,
  GEMINI_SIM,
  CRYPTOCOMPARE_SIM,
  COINGECKO_SIM,
  COINCAP_SIM,
  ALTERNATIVE_ME_SIM,
  ETHERSCAN_SIM,
  GENERIC_SIM,
];

/**
 * Every simulated provider by id, its listing endpoints (listing-routes.ts) added to its routes;
 * building it through `perProvider` fails fast if one is missing.
 */
export const SIM_PROVIDERS: Readonly<Record<SimProviderId, SimProvider>> = perProvider((id) => {
  const provider = ALL.find((candidate) => candidate.id === id);
  if (provider === undefined) throw new Error(`upstream simulator: no simulated provider "${id}"`);
  return { ...provider, routes: [...(LISTING_ROUTES[id] ?? []), ...provider.routes] };
});
