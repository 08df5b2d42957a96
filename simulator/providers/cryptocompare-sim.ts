import { assetBySymbol, STABLE_QUOTES } from '../find-asset.js';
import type { MarketAsset } from '../market-assets.js';
import { roundPrice, roundTo } from '../number-format.js';
import { FixedWindowLimiter, denyingLimiter, type RateDecision } from '../rate-limiters.js';
import { reply, type SimProvider, type SimRequest, type SimResponse } from '../sim-route.js';
import type { VenueMarket } from '../venue-market.js';
import { tradeIds } from './trade-ids.js';

const MINUTE = 60_000;
const HISTO: Readonly<Record<string, { widthMs: number; defaultLimit: number }>> = {
  minute: { widthMs: MINUTE, defaultLimit: 1440 },
  hour: { widthMs: 60 * MINUTE, defaultLimit: 168 },
  day: { widthMs: 1440 * MINUTE, defaultLimit: 30 },
};
const MAX_HISTO_LIMIT = 2000;
/** The quotes CCCAGG trades the coins every exchange lists in; the others trade against USD, its stablecoins and BTC only. */
const QUOTES = ['USD', ...STABLE_QUOTES, 'EUR', 'GBP', 'JPY', 'BTC', 'ETH'];
const LONG_TAIL_QUOTES = ['USD', ...STABLE_QUOTES, 'BTC'];

/** The min-api error envelope, sent with HTTP 200 (cryptocompare.error_unknown_pair.json, Type 2). */
function errorBody(message: string, type: number, extra: object = {}): object {
  return { Response: 'Error', Message: message, HasWarning: false, Type: type, RateLimit: {}, Data: {}, ...extra };
}

function noMarket(fsym: string, tsym: string): SimResponse {
  return reply(200, errorBody(`cccagg_or_exchange market does not exist for this coin pair (${fsym}-${tsym})`, 2, { Cooldown: 0 }));
}

function missingParam(name: string): SimResponse {
  return reply(200, errorBody(`${name} param is empty or null.`, 2, { ParamWithError: name }));
}

function list(raw: string | null): string[] {
  return (raw ?? '').split(',').filter((item) => item !== '');
}

/** An asked symbol that is known, with the asked quotes it trades against. */
type KnownPair = { fsym: string; asset: MarketAsset; tsyms: string[] };

/**
 * Known (asset, quote) pairs of `fsyms` × `tsyms`, each priced in its quote (VenueMarket.inQuote);
 * unknown ones are left out, as min-api does with `tryConversion=false` (no pair is made up through BTC here).
 */
function knownPairs(request: SimRequest, fsyms: string[], tsyms: string[]): KnownPair[] {
  return fsyms.flatMap((fsym) => {
    request.noteSymbol(fsym);
    const asset = fsym === fsym.toUpperCase() ? assetBySymbol(fsym) : undefined;
    const traded = asset?.venues === undefined ? QUOTES : LONG_TAIL_QUOTES;
    const quotes = tsyms.filter((tsym) => traded.includes(tsym) && tsym !== fsym);
    return asset === undefined || quotes.length === 0 ? [] : [{ fsym, asset, tsyms: quotes }];
  });
}

/** Answers a `fsyms`+`tsyms` request with `answer` for its known pairs; a missing list or no known pair answers the min-api error. */
function forPairs(request: SimRequest, answer: (pairs: KnownPair[]) => SimResponse): SimResponse {
  const fsyms = list(request.query.get('fsyms'));
  const tsyms = list(request.query.get('tsyms'));
  if (fsyms.length === 0) return missingParam('fsyms');
  if (tsyms.length === 0) return missingParam('tsyms');
  const pairs = knownPairs(request, fsyms, tsyms);
  return pairs.length === 0 ? noMarket(fsyms.join(','), tsyms[0]!) : answer(pairs);
}

/** `GET /data/price?fsym=BTC&tsyms=USD` → `{"USD": 4069.35}` (cryptocompare.price.json). */
function price(request: SimRequest): SimResponse {
  const fsym = request.query.get('fsym');
  const tsyms = list(request.query.get('tsyms'));
  if (fsym === null || fsym === '') return missingParam('fsym');
  if (tsyms.length === 0) return missingParam('tsyms');
  const [pair] = knownPairs(request, [fsym], tsyms);
  if (pair === undefined) return noMarket(fsym, tsyms[0]!);
  return reply(200, Object.fromEntries(pair.tsyms.map((tsym) => [tsym, roundPrice(request.market.inQuote(tsym).price(pair.asset))])));
}

/** `GET /data/pricemulti?fsyms=BTC,ETH&tsyms=USD` → `{"BTC":{"USD":2561.88}}` (cryptocompare.pricemulti.json). */
function priceMulti(request: SimRequest): SimResponse {
  return forPairs(request, (pairs) =>
    reply(200, Object.fromEntries(pairs.map((pair) => [pair.fsym, Object.fromEntries(pair.tsyms.map((tsym) => [tsym, roundPrice(request.market.inQuote(tsym).price(pair.asset))]))]))),
  );
}

/** One `RAW.<fsym>.<tsym>` entry (cryptocompare.pricemultifull.json): numbers, percent change. */
function rawTicker(market: VenueMarket, asset: MarketAsset, tsym: string): Record<string, string | number> {
  const day = market.day(asset);
  return {
    TYPE: '5',
    MARKET: 'CCCAGG',
    FROMSYMBOL: asset.symbol,
    TOSYMBOL: tsym,
    FLAGS: '4',
    PRICE: roundPrice(day.last),
    LASTUPDATE: Math.floor(market.nowMs / 1000),
    LASTVOLUME: roundTo(day.volume / day.trades, 8),
    LASTVOLUMETO: roundTo((day.volume / day.trades) * day.last, 8),
    LASTTRADEID: tradeIds(market.nowMs, 1).last,
    VOLUME24HOUR: day.volume,
    VOLUME24HOURTO: day.quoteVolume,
    OPEN24HOUR: roundPrice(day.open),
    HIGH24HOUR: roundPrice(day.high),
    LOW24HOUR: roundPrice(day.low),
    LASTMARKET: 'Coinbase',
    CHANGE24HOUR: day.last - day.open,
    CHANGEPCT24HOUR: day.changePercent,
    SUPPLY: asset.circulatingSupply,
    MKTCAP: asset.circulatingSupply * day.last,
  };
}

const DISPLAY_SYMBOLS: Readonly<Record<string, string>> = { BTC: 'Ƀ', ETH: 'Ξ', USD: '$', USDT: '₮' };

/** The `DISPLAY` twin of a RAW entry: the same figures formatted for people. */
function displayTicker(raw: Record<string, string | number>): Record<string, string | number> {
  const from = DISPLAY_SYMBOLS[String(raw.FROMSYMBOL)] ?? String(raw.FROMSYMBOL);
  const to = DISPLAY_SYMBOLS[String(raw.TOSYMBOL)] ?? String(raw.TOSYMBOL);
  const amount = (unit: string, value: string | number | undefined, digits = 2): string =>
    `${unit} ${Number(value).toLocaleString('en-US', { maximumFractionDigits: digits })}`;
  return {
    FROMSYMBOL: from,
    TOSYMBOL: to,
    MARKET: 'CryptoCompare Index',
    PRICE: amount(to, raw.PRICE),
    LASTUPDATE: 'Just now',
    LASTVOLUME: amount(from, raw.LASTVOLUME, 8),
    LASTVOLUMETO: amount(to, raw.LASTVOLUMETO, 6),
    LASTTRADEID: Number(raw.LASTTRADEID),
    VOLUME24HOUR: amount(from, raw.VOLUME24HOUR, 1),
    VOLUME24HOURTO: amount(to, raw.VOLUME24HOURTO, 1),
    OPEN24HOUR: amount(to, raw.OPEN24HOUR),
    HIGH24HOUR: amount(to, raw.HIGH24HOUR),
    LOW24HOUR: amount(to, raw.LOW24HOUR),
    LASTMARKET: String(raw.LASTMARKET),
    CHANGE24HOUR: amount(to, raw.CHANGE24HOUR),
    CHANGEPCT24HOUR: Number(raw.CHANGEPCT24HOUR).toFixed(2),
    SUPPLY: amount(from, raw.SUPPLY, 0),
    MKTCAP: `${to} ${(Number(raw.MKTCAP) / 1e9).toFixed(2)} B`,
  };
}

/** `GET /data/pricemultifull?fsyms=BTC&tsyms=USD` → `{RAW:{BTC:{USD:{...}}}, DISPLAY:{...}}`. */
function priceMultiFull(request: SimRequest): SimResponse {
  return forPairs(request, (pairs) => {
    const raw = Object.fromEntries(pairs.map((pair) => [pair.fsym, Object.fromEntries(pair.tsyms.map((tsym) => [tsym, rawTicker(request.market.inQuote(tsym), pair.asset, tsym)]))]));
    const display = Object.fromEntries(
      Object.entries(raw).map(([fsym, byQuote]) => [fsym, Object.fromEntries(Object.entries(byQuote).map(([tsym, entry]) => [tsym, displayTicker(entry)]))]),
    );
    return reply(200, { RAW: raw, DISPLAY: display });
  });
}

/**
 * `GET /data/v2/histo{minute,hour,day}?fsym&tsym&limit&aggregate&toTs` → `Data.Data[...]`, limit + 1 rows
 * ending with the candle holding `toTs`; the legacy v1 path has the rows in `Data`
 * (cryptocompare.histohour_v1.json).
 */
function histo(request: SimRequest): SimResponse {
  const v2 = request.params[0] !== undefined && request.params[0] !== '';
  const base = HISTO[request.params[1] ?? '']!;
  const fsym = request.query.get('fsym');
  const tsym = request.query.get('tsym');
  if (fsym === null || fsym === '') return missingParam('fsym');
  if (tsym === null || tsym === '') return missingParam('tsym');
  const [pair] = knownPairs(request, [fsym], [tsym]);
  if (pair === undefined) return noMarket(fsym, tsym);
  const limit = Math.min(MAX_HISTO_LIMIT, Math.max(1, Number(request.query.get('limit') ?? base.defaultLimit) || base.defaultLimit));
  const aggregate = Math.max(1, Number(request.query.get('aggregate') ?? 1) || 1);
  const toTs = Number(request.query.get('toTs') ?? Number.NaN) * 1000;
  const market = request.market.inQuote(tsym);
  const width = base.widthMs * aggregate;
  const candles = market.candles(pair.asset, width, limit + 1, Number.isNaN(toTs) ? market.nowMs : toTs);
  const rows = candles.map((candle) => ({
    time: candle.openTimeMs / 1000,
    high: roundPrice(candle.high),
    low: roundPrice(candle.low),
    open: roundPrice(candle.open),
    volumefrom: roundTo(candle.volume, 2),
    volumeto: roundTo((candle.volume * (candle.open + candle.close)) / 2, 2),
    close: roundPrice(candle.close),
    ...(v2 ? { conversionType: 'direct', conversionSymbol: '' } : {}),
  }));
  const timeFrom = rows[0]?.time ?? 0;
  const timeTo = rows[rows.length - 1]?.time ?? 0;
  if (v2) {
    return reply(200, { Response: 'Success', Message: '', HasWarning: false, Type: 100, RateLimit: {}, Data: { Aggregated: aggregate > 1, TimeFrom: timeFrom, TimeTo: timeTo, Data: rows } });
  }
  return reply(200, {
    Response: 'Success',
    Type: 100,
    Aggregated: aggregate > 1,
    Data: rows,
    TimeTo: timeTo,
    TimeFrom: timeFrom,
    FirstValueInArray: true,
    ConversionType: { type: 'direct', conversionSymbol: '' },
  });
}

/** Over the limit: HTTP 200 with `Type` 99 (cryptocompare.error_rate_limited.json). */
function rateLimited(decision: RateDecision, limit: number): object {
  return {
    ...errorBody('You are over your rate limit please upgrade your account!', 99),
    RateLimit: {
      calls_made: { second: 1, minute: decision.used, hour: decision.used, day: decision.used, month: decision.used, total_calls: decision.used },
      max_calls: { second: 20, minute: limit, hour: 3000, day: 7500, month: 50000 },
    },
  };
}

const ANONYMOUS_PER_MINUTE = 300;

/** CryptoCompare min-api (`https://min-api.cryptocompare.com`). */
export const CRYPTOCOMPARE_SIM: SimProvider = {
  id: 'cryptocompare',
  basePaths: [],
  // Anonymous limits as recorded in 2021: 300 calls per minute (among other windows).
  rateLimit: { limit: ANONYMOUS_PER_MINUTE, windowMs: MINUTE },
  createLimiter: (setting, clock) => denyingLimiter(FixedWindowLimiter, (_retryAfter, _endpoint, decision) => reply(200, rateLimited(decision, setting.limit)))(setting, clock),
  routes: [
    { endpoint: '/data/price', pattern: /^\/data\/price$/, handle: price },
    { endpoint: '/data/pricemulti', pattern: /^\/data\/pricemulti$/, handle: priceMulti },
    { endpoint: '/data/pricemultifull', pattern: /^\/data\/pricemultifull$/, handle: priceMultiFull },
    { endpoint: '/data/v2/histo', pattern: /^\/data\/(v2\/)?histo(minute|hour|day)$/, handle: histo },
  ],
  notFound: () => reply(404, errorBody('Path does not exist', 1)),
  serverError: () => reply(500, errorBody('Internal server error', 1)),
  inBodyError: (message = 'Internal server error') => reply(200, errorBody(message, 1)),
  tooManyRequests: (retryAfter) =>
    reply(429, rateLimited({ allowed: false, used: ANONYMOUS_PER_MINUTE + 1, retryAfterMs: retryAfter * 1000 }, ANONYMOUS_PER_MINUTE), { 'retry-after': String(retryAfter) }),
};
