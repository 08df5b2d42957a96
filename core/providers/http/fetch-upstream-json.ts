import { ProviderError } from '../../errors/index.js';
import type { FetchContext } from '../market-provider.js';
import { parseRetryAfter } from './retry-after.js';
import type { UpstreamResponse } from './upstream-response.js';

/** One GET to an upstream. */
export interface UpstreamRequest {
  providerId: string;
  url: URL;
  headers?: Record<string, string>;
  context: FetchContext;
}

/**
 * GETs a JSON document and maps transport-level failures to typed ProviderErrors:
 * - 429 → `rate_limited` with Retry-After; 418 (Binance ban) → `rate_limited`, banned;
 * - 5xx, 451 (geo block), 403 (WAF) → `unavailable`;
 * - abort (timeout / deadline) → `timeout`; connection errors → `unavailable`;
 * - a body that is not JSON → `malformed_body`.
 * Any other status is returned with its body, for the provider to interpret (unknown symbol...).
 */
export async function fetchUpstreamJson(request: UpstreamRequest): Promise<UpstreamResponse> {
  const { providerId, url, context } = request;
  let response: Response;
  try {
    response = await fetch(url, { headers: { accept: 'application/json', ...request.headers }, signal: context.signal, redirect: 'follow' });
  } catch (error) {
    if (context.signal.aborted) throw new ProviderError(providerId, 'timeout', 'upstream did not answer in time', { cause: error });
    throw new ProviderError(providerId, 'unavailable', `connection failed: ${describeCause(error)}`, { cause: error });
  }
  const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'));
  const status = response.status;
  let text: string;
  try {
    text = await response.text();
  } catch (error) {
    if (context.signal.aborted) throw new ProviderError(providerId, 'timeout', 'upstream body did not arrive in time', { cause: error });
    throw new ProviderError(providerId, 'unavailable', `connection dropped while reading the body: ${describeCause(error)}`, { cause: error, upstreamStatus: status });
  }
  if (status === 429 || status === 418) {
    throw new ProviderError(providerId, 'rate_limited', status === 418 ? 'IP banned (HTTP 418)' : 'rate limited (HTTP 429)', {
      upstreamStatus: status,
      banned: status === 418,
      ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
    });
  }
  if (status >= 500 || status === 451 || status === 403) {
    const reason = status === 451 ? 'unavailable from this location (HTTP 451)' : `HTTP ${status}`;
    throw new ProviderError(providerId, 'unavailable', reason, { upstreamStatus: status, ...(retryAfterMs === undefined ? {} : { retryAfterMs }) });
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new ProviderError(providerId, 'malformed_body', `HTTP ${status} body is not JSON (${text.length} bytes, starts ${JSON.stringify(text.slice(0, 40))})`, { upstreamStatus: status });
  }
  return { status, headers: response.headers, body };
}

function describeCause(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (error as Error).message;
}
