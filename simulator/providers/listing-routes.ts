import type { SimProviderId } from '../sim-provider-id.js';
import { reply, type SimRequest, type SimRoute } from '../sim-route.js';
import { aggregatedAssets, venueListings } from '../venue-listings.js';
import { CRYPTO_QUOTES } from '../venue-market.js';
import { krakenPairKey, krakenQuoteCode } from './kraken-sim.js';

/** Kraken's X/Z-prefixed asset codes of its legacy pairs (`XXBT`, `ZUSD`); newer assets keep their plain code. */
function krakenCode(code: string, legacy: boolean, fiat: boolean): string {
  if (!legacy) return code;
  return `${fiat ? 'Z' : 'X'}${code}`;
}

/** `GET /api/v3/exchangeInfo` (weight 20): every symbol with its status, TRADING or HALT. */
function binanceExchangeInfo(request: SimRequest): ReturnType<typeof reply> {
  const symbols = venueListings('binance').map(({ asset, quote, trading }) => ({
    symbol: `${asset.symbol}${quote}`,
    status: trading ? 'TRADING' : 'HALT',
    baseAsset: asset.symbol,
    baseAssetPrecision: 8,
    quoteAsset: quote,
    quotePrecision: 8,
    quoteAssetPrecision: 8,
    orderTypes: ['LIMIT', 'LIMIT_MAKER', 'MARKET', 'STOP_LOSS_LIMIT', 'TAKE_PROFIT_LIMIT'],
    icebergAllowed: true,
    ocoAllowed: true,
    isSpotTradingAllowed: true,
    isMarginTradingAllowed: false,
    filters: [],
    permissions: [],
    permissionSets: [['SPOT']],
  }));
  return reply(200, {
    timezone: 'UTC',
    serverTime: request.market.nowMs,
    rateLimits: [{ rateLimitType: 'REQUEST_WEIGHT', interval: 'MINUTE', intervalNum: 1, limit: 6000 }],
    exchangeFilters: [],
    symbols,
  });
}

/** `GET /0/public/AssetPairs`: pairs by canonical key (`XXBTZUSD`, `XETHXXBT`), `online` or `cancel_only`; `wsname` says `XBT/USD`. */
function krakenAssetPairs(): ReturnType<typeof reply> {
  const result: Record<string, object> = {};
  for (const { asset, quote, trading } of venueListings('kraken')) {
    const base = asset.krakenBase ?? asset.symbol;
    const quoteCode = krakenQuoteCode(quote);
    const key = quote === 'USDT' ? `${base}USDT` : krakenPairKey(asset, quote);
    const legacy = quote !== 'USDT' && asset.krakenResultKey?.endsWith('ZUSD') === true;
    result[key] = {
      altname: `${base}${quoteCode}`,
      wsname: `${base}/${quoteCode}`,
      aclass_base: 'currency',
      base: krakenCode(base, legacy, false),
      aclass_quote: 'currency',
      quote: krakenCode(quoteCode, legacy, !CRYPTO_QUOTES.includes(quote)),
      pair_decimals: 5,
      lot_decimals: 8,
      ordermin: '0.0001',
      costmin: '0.5',
      status: trading ? 'online' : 'cancel_only',
    };
  }
  return reply(200, { error: [], result });
}

/** Coinbase Exchange `GET /products`. */
function coinbaseProducts(): ReturnType<typeof reply> {
  return reply(
    200,
    venueListings('coinbase').map(({ asset, quote, trading }) => ({
      id: `${asset.symbol}-${quote}`,
      base_currency: asset.symbol,
      quote_currency: quote,
      quote_increment: '0.01',
      base_increment: '0.00000001',
      display_name: `${asset.symbol}/${quote}`,
      min_market_funds: '1',
      margin_enabled: false,
      post_only: false,
      limit_only: false,
      cancel_only: false,
      status: trading ? 'online' : 'offline',
      status_message: '',
      trading_disabled: !trading,
      fx_stablecoin: false,
      auction_mode: false,
    })),
  );
}

/** `GET /api/v2/trading-pairs-info/`. */
function bitstampTradingPairs(): ReturnType<typeof reply> {
  return reply(
    200,
    venueListings('bitstamp').map(({ asset, quote, trading }) => ({
      name: `${asset.symbol}/${quote}`,
      url_symbol: `${asset.symbol}${quote}`.toLowerCase(),
      base_decimals: 8,
      counter_decimals: 2,
      instant_order_counter_decimals: 2,
      minimum_order: `10.00000000 ${quote}`,
      trading: trading ? 'Enabled' : 'Disabled',
      instant_and_market_orders: trading ? 'Enabled' : 'Disabled',
      description: `${asset.name} / ${quote}`,
    })),
  );
}

/** `GET /v1/symbols`: the symbols open for trading. */
function geminiSymbols(): ReturnType<typeof reply> {
  return reply(
    200,
    venueListings('gemini')
      .filter((listing) => listing.trading)
      .map(({ asset, quote }) => `${asset.symbol}${quote}`.toLowerCase()),
  );
}

/**
 * CoinGecko `GET /coins/list`: every tracked coin, plus look-alikes claiming the same tickers (as
 * bridged tokens do), which rank nowhere by market cap.
 */
function coingeckoCoinsList(): ReturnType<typeof reply> {
  const coins = aggregatedAssets().map((asset) => ({ id: asset.coingeckoId, symbol: asset.symbol.toLowerCase(), name: asset.name }));
  const lookAlikes = [
    { id: 'ethereum-wormhole', symbol: 'eth', name: 'Ethereum (Wormhole)' },
    { id: 'bnb-pegged-token', symbol: 'bnb', name: 'BNB (pegged)' },
    { id: 'solana-bridged', symbol: 'sol', name: 'Solana (bridged)' },
  ];
  return reply(200, [...lookAlikes, ...coins]);
}

/** CryptoCompare `GET /data/all/coinlist`. */
function cryptocompareCoinList(): ReturnType<typeof reply> {
  const Data = Object.fromEntries(
    aggregatedAssets().map((asset, index) => [asset.symbol, { Id: String(1000 + index), Name: asset.symbol, Symbol: asset.symbol, CoinName: asset.name, FullName: `${asset.name} (${asset.symbol})`, IsTrading: true }]),
  );
  return reply(200, { Response: 'Success', Message: 'Coin list succesfully returned!', Data, BaseImageUrl: 'https://www.cryptocompare.com', BaseLinkUrl: 'https://www.cryptocompare.com', HasWarning: false, Type: 100 });
}

/**
 * The listing endpoints of the simulated exchanges and aggregators, in their real shapes, over the
 * simulator's market (see venue-listings.ts). CoinCap's `/assets` already lists every tracked asset.
 */
export const LISTING_ROUTES: Readonly<Partial<Record<SimProviderId, readonly SimRoute[]>>> = {
  binance: [{ endpoint: '/api/v3/exchangeInfo', pattern: /^\/api\/v3\/exchangeInfo$/, cost: () => 20, handle: binanceExchangeInfo }],
  kraken: [{ endpoint: '/AssetPairs', pattern: /^\/AssetPairs$/, handle: krakenAssetPairs }],
  coinbase: [{ endpoint: '/products', pattern: /^\/products$/, handle: coinbaseProducts }],
  bitstamp: [{ endpoint: '/trading-pairs-info/', pattern: /^\/trading-pairs-info\/?$/, handle: bitstampTradingPairs }],
  gemini: [{ endpoint: '/v1/symbols', pattern: /^\/v1\/symbols$/, handle: geminiSymbols }],
  coingecko: [{ endpoint: '/coins/list', pattern: /^\/coins\/list$/, handle: coingeckoCoinsList }],
  cryptocompare: [{ endpoint: '/data/all/coinlist', pattern: /^\/data\/all\/coinlist$/, handle: cryptocompareCoinList }],
};
