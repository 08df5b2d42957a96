import type { PriceQuote, Ticker } from '../../../core/providers/capability.js';
import type { ProviderFactoryContext } from '../../../core/providers/define-provider-plugin.js';
import type { FetchContext } from '../../../core/providers/market-provider.js';
import { HttpMarketProvider, type CapabilityHandlers } from '../../../core/providers/http/http-market-provider.js';
import { isoDate } from '../../../core/providers/http/iso-date.js';
import { numeric } from '../../../core/providers/http/numeric.js';
import { assertNonNegative, assertSanePrice, toSaneUnixSeconds } from '../../../core/providers/http/sanity.js';
import type { HttpJsonEndpoint, HttpJsonEndpoints } from './http-json-config.js';
import { readJsonPointer } from './read-json-pointer.js';

/**
 * A provider declared entirely in config: GETs `baseUrl + path` (with `{symbol}` replaced by the
 * mapped symbol) and reads each value at its JSON Pointer. Transport errors are the base class's;
 * a missing or non-numeric value is schema drift naming the pointer.
 */
export class HttpJsonProvider extends HttpMarketProvider {
  protected readonly handlers: CapabilityHandlers = {
    price: (query, context) => this.price(query.symbol, context),
    ticker: (query, context) => this.ticker(query.symbol, context),
  };

  constructor(
    context: ProviderFactoryContext,
    private readonly endpoints: HttpJsonEndpoints,
  ) {
    super(context);
  }

  private async price(symbol: string, context: FetchContext): Promise<PriceQuote> {
    const endpoint = this.endpoints.price;
    const answer = await this.answer(endpoint, symbol, context);
    return { symbol, price: assertSanePrice(this.id, endpoint.pricePointer, this.number(answer, endpoint.pricePointer)), timestamp: this.timestamp(answer, endpoint) };
  }

  private async ticker(symbol: string, context: FetchContext): Promise<Ticker> {
    const endpoint = this.endpoints.ticker;
    if (endpoint === undefined) throw this.error('unsupported', 'has no ticker endpoint configured');
    const answer = await this.answer(endpoint, symbol, context);
    const sanePrice = (pointer: string): number => assertSanePrice(this.id, pointer, this.number(answer, pointer));
    return {
      symbol,
      price: sanePrice(endpoint.pricePointer),
      changePercent24h: endpoint.changePercentPointer === undefined ? null : this.number(answer, endpoint.changePercentPointer),
      high24h: sanePrice(endpoint.highPointer),
      low24h: sanePrice(endpoint.lowPointer),
      volume24h: assertNonNegative(this.id, endpoint.volumePointer, this.number(answer, endpoint.volumePointer)),
      timestamp: this.timestamp(answer, endpoint),
    };
  }

  /** GETs the endpoint for one symbol; 404 means the upstream does not know it. */
  private async answer(endpoint: HttpJsonEndpoint, symbol: string, context: FetchContext): Promise<unknown> {
    const path = endpoint.path.replaceAll('{symbol}', encodeURIComponent(this.providerSymbol(symbol)));
    const response = await this.getJson(path, {}, context);
    if (response.status === 404) throw this.error('unknown_symbol', `HTTP 404 for ${symbol}`, { upstreamStatus: 404 });
    if (response.status !== 200) throw this.error('unavailable', `HTTP ${response.status}`, { upstreamStatus: response.status });
    return response.body;
  }

  private number(answer: unknown, pointer: string): number {
    const value = this.valueAt(answer, pointer);
    const parsed = numeric.safeParse(value);
    if (!parsed.success) throw this.error('schema_drift', `answer changed shape: at "${pointer}": expected a number, got ${JSON.stringify(value)}`);
    return parsed.data;
  }

  private timestamp(answer: unknown, endpoint: HttpJsonEndpoint): number {
    const pointer = endpoint.timestampPointer;
    if (pointer === undefined) return Math.floor(Date.now() / 1000);
    const value = this.valueAt(answer, pointer);
    const parsed = numeric.safeParse(value);
    if (parsed.success) return toSaneUnixSeconds(this.id, pointer, endpoint.timestampUnit === 'ms' ? parsed.data / 1000 : parsed.data);
    const date = isoDate.safeParse(value);
    if (!date.success) throw this.error('schema_drift', `answer changed shape: at "${pointer}": expected a timestamp, got ${JSON.stringify(value)}`);
    return toSaneUnixSeconds(this.id, pointer, date.data);
  }

  private valueAt(answer: unknown, pointer: string): unknown {
    const value = readJsonPointer(answer, pointer);
    if (value === undefined) throw this.error('schema_drift', `answer changed shape: nothing at "${pointer}"`);
    return value;
  }
}
