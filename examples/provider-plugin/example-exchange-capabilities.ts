import {
  assertNonNegative,
  assertSanePrice,
  toSaneUnixSeconds,
  type CapabilityFunctions,
  type CapabilityQuery,
  type PriceQuote,
  type Ticker,
  type UpstreamClient,
  type UpstreamResponse,
} from 'crypto-datasource';
import { ExampleStatsSchema, ExampleTickerSchema } from './example-exchange-schema.js';

/** GETs a path for one symbol: 404 is an unknown symbol, any other failure a typed ProviderError. */
async function get(path: string, upstream: UpstreamClient): Promise<UpstreamResponse> {
  const response = await upstream.getJson(path);
  if (response.status === 404) throw upstream.error('unknown_symbol', `HTTP 404 for ${path}`, { upstreamStatus: 404 });
  if (response.status !== 200) throw upstream.error('unavailable', `HTTP ${response.status}`, { upstreamStatus: response.status });
  return response;
}

async function price({ symbol }: CapabilityQuery<'price'>, upstream: UpstreamClient): Promise<PriceQuote> {
  const { body } = await get(`/api/v1/ticker/${encodeURIComponent(upstream.symbolFor(symbol))}`, upstream);
  const { data } = upstream.parse('price answer', ExampleTickerSchema, body);
  return { symbol, price: assertSanePrice(upstream, 'data.last', data.last), timestamp: toSaneUnixSeconds(upstream, 'data.ts', data.ts) };
}

async function ticker({ symbol }: CapabilityQuery<'ticker'>, upstream: UpstreamClient): Promise<Ticker> {
  const { body } = await get(`/api/v1/stats/${encodeURIComponent(upstream.symbolFor(symbol))}`, upstream);
  const { data } = upstream.parse('ticker answer', ExampleStatsSchema, body);
  return {
    symbol,
    price: assertSanePrice(upstream, 'data.last', data.last),
    // What the stats do not state is null, never worked out from the rest.
    bid: null,
    ask: null,
    open24h: null,
    high24h: assertSanePrice(upstream, 'data.high', data.high),
    low24h: assertSanePrice(upstream, 'data.low', data.low),
    baseVolume24h: assertNonNegative(upstream, 'data.volume', data.volume),
    quoteVolume24h: null,
    change24h: null,
    changePercent24h: data.changePercent,
    timestamp: toSaneUnixSeconds(upstream, 'data.ts', data.ts),
  };
}

/** One plain function per capability; core hands each call an UpstreamClient bound to this provider. */
export const EXAMPLE_EXCHANGE_CAPABILITIES: CapabilityFunctions = { price, ticker };
