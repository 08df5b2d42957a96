import type { DefaultTicker } from '../../../core/index.js';

/**
 * Kraken's canonical USD pair of each default ticker, the key its answers sit under
 * (kraken.ticker.json: `XXBTZUSD`). Older assets keep the legacy `X…Z…` form; BTC is `XBT` and
 * DOGE is `XDG` on Kraken; newer listings are plainly `<asset>USD`.
 */
export const KRAKEN_PAIRS: Readonly<Record<DefaultTicker, string>> = {
  BTC: 'XXBTZUSD',
  ETH: 'XETHZUSD',
  SOL: 'SOLUSD',
  XRP: 'XXRPZUSD',
  ADA: 'ADAUSD',
  DOGE: 'XDGUSD',
  DOT: 'DOTUSD',
  LTC: 'XLTCZUSD',
  LINK: 'LINKUSD',
  AVAX: 'AVAXUSD',
  BCH: 'BCHUSD',
  XLM: 'XXLMZUSD',
  UNI: 'UNIUSD',
  ATOM: 'ATOMUSD',
  ETC: 'XETCZUSD',
  FIL: 'FILUSD',
  AAVE: 'AAVEUSD',
  ALGO: 'ALGOUSD',
  NEAR: 'NEARUSD',
  TRX: 'TRXUSD',
};
