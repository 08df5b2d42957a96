import { createServer } from 'node:net';
import { expect } from 'chai';
import nock from 'nock';
import type { Clock } from '../../core/clock/clock.js';
import type { ProviderError } from '../../core/errors/index.js';
import type { Plugin } from '../../core/kernel/plugin.js';
import type { Capability, CapabilityQuery } from '../../core/providers/capability.js';
import type { FetchContext, MarketProvider } from '../../core/providers/market-provider.js';
import { capturingLogger, fetchContext, loadProviders, providerErrorOf } from './aggregator-harness.js';
import { ManualClock } from './manual-clock.js';

/** One provider call and a fresh interceptor for the upstream request it makes; the shared cases answer it their own way. */
export interface ProviderCall {
  /** E.g. `() => nock(BASE).get('/api/v3/ticker/price').query(true)`. */
  upstream(): nock.Interceptor;
  /** Makes the call on a freshly loaded provider with `context` (the cases pass live and aborted signals). */
  fetch(context: FetchContext): Promise<unknown>;
}

/** How a provider's upstream signals a rate limit: the 429 it sends. */
export interface RateLimitedReply {
  retryAfterSeconds: number;
  body?: nock.Body;
  /** The reply headers; by default only `retry-after: <retryAfterSeconds>`. */
  headers?: Record<string, string>;
}

/** What differs between providers in the transport failures every HTTP provider must map. */
export interface TransportFailures {
  rateLimited: RateLimitedReply;
  /** Statuses (with bodies) that must read as `unavailable`; by default a 500. */
  unavailable?: [status: number, body: nock.Body][];
  /** A 200 body that is not JSON; by default a maintenance page. */
  notJson?: string;
}

/** A factory of ProviderCalls on freshly loaded providers: `call('price', { symbol: 'BTC' }, () => nock(BASE).get('/price'))`. */
export function callsOn(provider: () => MarketProvider): <C extends Capability>(capability: C, query: CapabilityQuery<C>, upstream: () => nock.Interceptor) => ProviderCall {
  return (capability, query, upstream) => ({ upstream, fetch: (context) => provider().fetch(capability, query, context) });
}

/** Keeps every test of the current `describe` off the internet (servers on 127.0.0.1 stay reachable) and drops leftover interceptors. */
export function useNock(): void {
  before(() => {
    nock.disableNetConnect();
    nock.enableNetConnect('127.0.0.1');
  });
  afterEach(() => nock.cleanAll());
  after(() => nock.enableNetConnect());
}

/** A 127.0.0.1 port nothing listens on, so a connection to it is refused. */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Awaits `call`, made with a live signal, which must fail with a ProviderError, and returns that error. */
export const failureOf = (call: ProviderCall): Promise<ProviderError> => providerErrorOf(call.fetch(fetchContext()));

/**
 * The transport cases every HTTP provider shares, one test each: a 429 is `rate_limited` (not banned) with its
 * Retry-After, server errors are `unavailable` with their status, a non-JSON body is `malformed_body` and an
 * aborted call is `timeout`.
 */
export function itMapsTransportFailures(call: ProviderCall, failures: TransportFailures): void {
  const { retryAfterSeconds, body = {}, headers = { 'retry-after': String(retryAfterSeconds) } } = failures.rateLimited;
  it('maps HTTP 429 to rate_limited with Retry-After, not banned', async () => {
    call.upstream().reply(429, body, headers);
    expect(await failureOf(call)).to.include({ kind: 'rate_limited', retryAfterMs: retryAfterSeconds * 1000, banned: false, upstreamStatus: 429 });
  });

  const unavailable = failures.unavailable ?? [[500, 'oops']];
  it(`maps HTTP ${unavailable.map(([status]) => status).join(' and ')} to unavailable`, async () => {
    for (const [status, reply] of unavailable) call.upstream().reply(status, reply);
    for (const [status] of unavailable) expect(await failureOf(call)).to.include({ kind: 'unavailable', upstreamStatus: status });
  });

  it('maps a non-JSON body to malformed_body', async () => {
    call.upstream().reply(200, failures.notJson ?? '<html>maintenance</html>');
    expect((await failureOf(call)).kind).to.equal('malformed_body');
  });

  it('maps an aborted call to timeout', async () => {
    call.upstream().reply(200, {});
    const controller = new AbortController();
    controller.abort();
    expect((await providerErrorOf(call.fetch({ signal: controller.signal }))).kind).to.equal('timeout');
  });
}

/** Answers `unknown_symbol` for a ticker the provider has no mapping for (nock would refuse any upstream call). */
export function itRefusesUnmappedSymbols(provider: () => MarketProvider): void {
  it('answers unknown_symbol for an unmapped ticker without calling upstream', async () => {
    expect((await providerErrorOf(provider().fetch('price', { symbol: 'NOPE' }, fetchContext()))).kind).to.equal('unknown_symbol');
  });
}

/** The values that must be refused, and the upstream body that carries each. */
export interface InsaneValues<T> {
  /** What the value is, for the test title: `a price`, `a last price`, `an index`... */
  what: string;
  values: readonly T[];
  body(value: T): nock.Body;
  /** A field the error message must name. */
  naming?: string;
}

/** One test per value: a 200 body carrying it is refused as `insane_value`. */
export function itRejectsInsaneValues<T>(call: ProviderCall, insane: InsaneValues<T>): void {
  for (const value of insane.values) {
    it(`rejects ${insane.what} of ${String(value)} as insane_value`, async () => {
      call.upstream().reply(200, insane.body(value));
      const error = await failureOf(call);
      expect(error.kind).to.equal('insane_value');
      if (insane.naming !== undefined) expect(error.message).to.contain(insane.naming);
    });
  }
}

/** A keyed provider whose failures must never reveal its key. */
export interface KeyedProvider {
  plugin: Plugin;
  /** The environment variable holding the key. */
  keyEnv: string;
  key: string;
  /** Makes the call on `provider`. */
  fetch(provider: MarketProvider): Promise<unknown>;
  /** A fresh interceptor for the request `fetch` makes. */
  upstream(): nock.Interceptor;
  /** The upstream failures to provoke, in order, each with the kind it must map to. */
  answers: [status: number, body: nock.Body, kind: ProviderError['kind']][];
}

/**
 * Provokes each upstream failure, then a refused connection (whose error may quote the URL), and logs every
 * error through pino as the router does: neither the provider's own log lines nor the logged errors hold the key.
 */
export function itNeverLeaksTheKey(keyed: KeyedProvider): void {
  it('never puts the API key in error messages or logs', async () => {
    const { logger, lines } = capturingLogger();
    const env = { [keyed.keyEnv]: keyed.key };
    const load = (overrides: Record<string, unknown>): MarketProvider => loadProviders(keyed.plugin, { providers: { [keyed.plugin.name]: overrides }, env, logger })[0]!;
    const provider = load({});
    for (const [status, body] of keyed.answers) keyed.upstream().reply(status, body);
    const errors: ProviderError[] = [];
    for (let answer = 0; answer < keyed.answers.length; answer++) errors.push(await providerErrorOf(keyed.fetch(provider)));
    errors.push(await providerErrorOf(keyed.fetch(load({ baseUrl: `http://127.0.0.1:${await closedPort()}` }))));
    expect(errors.map((error) => error.kind)).to.deep.equal([...keyed.answers.map(([, , kind]) => kind), 'unavailable']);
    for (const error of errors) logger.warn({ err: error }, 'provider call failed');
    expect(lines).to.have.length(errors.length);
    for (const line of lines) expect(line).not.to.contain(keyed.key);
  });
}

/** An upstream answer and the ProviderError it must become. */
export interface AnswerCase {
  title: string;
  /** HTTP 200 unless given. */
  status?: number;
  body: nock.Body;
  headers?: Record<string, string>;
  /** Fields the error must have, `kind` first among them. */
  error: Partial<ProviderError> & Pick<ProviderError, 'kind'>;
  /** Text the error message must contain: the field that drifted, the upstream's own reason... */
  naming?: string;
}

/** One test per case: `call` answered with the case's reply fails with the case's error. */
export function itMapsAnswers(call: ProviderCall, cases: readonly AnswerCase[]): void {
  for (const answer of cases) {
    it(answer.title, async () => {
      call.upstream().reply(answer.status ?? 200, answer.body, answer.headers);
      const error = await failureOf(call);
      expect(error).to.include(answer.error);
      if (answer.naming !== undefined) expect(error.message).to.contain(answer.naming);
    });
  }
}

/**
 * What a provider declares by default. `symbols`, `rateLimit` and `cacheTtlMs` are matched as subsets (the
 * entries named must be there); every other field must equal the declared one.
 */
export type DeclaredDefaults = { symbols?: Record<string, string>; rateLimit?: Record<string, number>; cacheTtlMs?: Record<string, number> } & Record<string, unknown>;

/** The provider loads enabled, with `expected` in its declaration. */
export function itDeclaresDefaults(title: string, provider: () => MarketProvider, expected: DeclaredDefaults): void {
  it(title, () => {
    const { disabledReason, declaration } = provider();
    expect(disabledReason).to.equal(null);
    const { symbols = {}, rateLimit = {}, cacheTtlMs = {}, ...fields } = expected;
    expect(declaration).to.deep.include(fields);
    expect(declaration.symbols).to.include(symbols);
    expect(declaration.rateLimit).to.include(rateLimit);
    expect(declaration.cacheTtlMs).to.include(cacheTtlMs);
  });
}

/** A time far from the system clock's, so an answer stamped from Date.now() cannot match it by chance. */
export const INJECTED_NOW = Date.UTC(2025, 0, 2, 3, 4, 5);

/**
 * An answer whose upstream sends no time is stamped by the injected clock, never by Date.now():
 * `answer` loads the provider with `clock` (at INJECTED_NOW), sets up the upstream and makes the call.
 */
export function itTellsTimeByTheInjectedClock(what: string, answer: (clock: Clock) => Promise<{ timestamp: number }>): void {
  it(`stamps ${what} by the injected clock, not Date.now()`, async () => {
    expect((await answer(new ManualClock(INJECTED_NOW))).timestamp).to.equal(INJECTED_NOW / 1000);
  });
}

/** A provider loaded with config overrides, and the price call that must reach the overridden base URL. */
export interface OverriddenProvider {
  /** Loads the provider with the overrides, e.g. `() => provider({ baseUrl: 'http://mirror.test/x', weight: 2 })`. */
  provider(): MarketProvider;
  /** Declaration fields the overrides set. */
  declared: Record<string, unknown>;
  /** Answers the price call at the overridden base URL: `() => nock('http://mirror.test').get('/x/price').reply(200, body)`. */
  upstream(): nock.Scope;
  symbol: string;
  /** The price that answer carries. */
  price: number;
}

/** The provider declares the overridden fields and calls the overridden base URL (the symbol may be an overridden one). */
export function itAppliesConfigOverrides(title: string, overridden: OverriddenProvider): void {
  it(title, async () => {
    const provider = overridden.provider();
    expect(provider.declaration).to.include(overridden.declared);
    overridden.upstream();
    const quote = await provider.fetch('price', { symbol: overridden.symbol }, fetchContext());
    expect(quote.price).to.equal(overridden.price);
  });
}
