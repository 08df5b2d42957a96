import { type CapabilityQuery, type PriceQuote, type Ticker, isoDate, numeric, assertNonNegative, assertSanePrice, toSaneUnixSeconds, type CapabilityFunctions, type UpstreamClient } from '../../../core/index.js';
import type { HttpJsonEndpoint, HttpJsonEndpoints, TickerEndpoint } from './http-json-config.js';
import { readJsonPointer } from './read-json-pointer.js';

/**
 * The capabilities of a provider declared entirely in config, one per endpoint it has: each GETs
 * `baseUrl + path` (with `{symbol}` replaced by the mapped symbol) and reads every value at its JSON
 * Pointer. Transport errors are the UpstreamClient's; a missing or non-numeric value is schema drift
 * naming the pointer. No credentials are sent.
 */
export function httpJsonCapabilities(endpoints: HttpJsonEndpoints): CapabilityFunctions {
  const price = async ({ symbol }: CapabilityQuery<'price'>, upstream: UpstreamClient): Promise<PriceQuote> => {
    const endpoint = endpoints.price;
    const answer = await answerOf(upstream, endpoint, symbol);
    return { symbol, price: assertSanePrice(upstream, endpoint.pricePointer, numberAt(upstream, answer, endpoint.pricePointer)), timestamp: timestampOf(upstream, answer, endpoint) };
  };
  const ticker = endpoints.ticker;
  return ticker === undefined ? { price } : { price, ticker: (query, upstream) => tickerAt(ticker, query, upstream) };
}

async function tickerAt(endpoint: TickerEndpoint, { symbol }: CapabilityQuery<'ticker'>, upstream: UpstreamClient): Promise<Ticker> {
  const answer = await answerOf(upstream, endpoint, symbol);
  const sanePrice = (pointer: string): number => assertSanePrice(upstream, pointer, numberAt(upstream, answer, pointer));
  return {
    symbol,
    price: sanePrice(endpoint.pricePointer),
    bid: null,
    ask: null,
    open24h: null,
    high24h: sanePrice(endpoint.highPointer),
    low24h: sanePrice(endpoint.lowPointer),
    baseVolume24h: assertNonNegative(upstream, endpoint.volumePointer, numberAt(upstream, answer, endpoint.volumePointer)),
    quoteVolume24h: null,
    change24h: null,
    changePercent24h: endpoint.changePercentPointer === undefined ? null : numberAt(upstream, answer, endpoint.changePercentPointer),
    timestamp: timestampOf(upstream, answer, endpoint),
  };
}

/** GETs the endpoint for one symbol; 404 means the upstream does not know it. */
async function answerOf(upstream: UpstreamClient, endpoint: HttpJsonEndpoint, symbol: string): Promise<unknown> {
  const path = endpoint.path.replaceAll('{symbol}', encodeURIComponent(upstream.symbolFor(symbol)));
  const response = await upstream.getJson(path);
  if (response.status === 404) throw upstream.error('unknown_symbol', `HTTP 404 for ${symbol}`, { upstreamStatus: 404 });
  if (response.status !== 200) throw upstream.error('unavailable', `HTTP ${response.status}`, { upstreamStatus: response.status });
  return response.body;
}

function numberAt(upstream: UpstreamClient, answer: unknown, pointer: string): number {
  const value = valueAt(upstream, answer, pointer);
  const parsed = numeric.safeParse(value);
  if (!parsed.success) throw upstream.error('schema_drift', `answer changed shape: at "${pointer}": expected a number, got ${JSON.stringify(value)}`);
  return parsed.data;
}

function timestampOf(upstream: UpstreamClient, answer: unknown, endpoint: HttpJsonEndpoint): number {
  const pointer = endpoint.timestampPointer;
  if (pointer === undefined) return upstream.nowSeconds();
  const value = valueAt(upstream, answer, pointer);
  const parsed = numeric.safeParse(value);
  if (parsed.success) return toSaneUnixSeconds(upstream, pointer, endpoint.timestampUnit === 'ms' ? parsed.data / 1000 : parsed.data);
  const date = isoDate.safeParse(value);
  if (!date.success) throw upstream.error('schema_drift', `answer changed shape: at "${pointer}": expected a timestamp, got ${JSON.stringify(value)}`);
  return toSaneUnixSeconds(upstream, pointer, date.data);
}

function valueAt(upstream: UpstreamClient, answer: unknown, pointer: string): unknown {
  const value = readJsonPointer(answer, pointer);
  if (value === undefined) throw upstream.error('schema_drift', `answer changed shape: nothing at "${pointer}"`);
  return value;
}
