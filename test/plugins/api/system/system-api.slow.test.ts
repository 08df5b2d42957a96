import { expect } from 'chai';
import { DEFAULT_TICKERS } from '../../../../core/providers/default-tickers.js';
import { SPEC_SECTIONS } from '../../../../core/status/system-status.js';
import { createSimulatedGateway, type SimulatedGateway } from '../../../../simulator/simulated-gateway.js';
import { capturedLogger, type CapturedLogger } from '../../../helpers/captured-logger.js';
import { parsePrometheusText, sumOf, type PrometheusSample } from '../../../helpers/prometheus-text.js';
import { settledModels } from '../../ai/sentiment/model-fixtures.js';
import { PROJECT_MODEL_ID } from '../../../../plugins/ai/sentiment/sentiment-config.js';

/** Distinctive key values: none of them may appear in the status, the metrics or the logs. */
const SECRETS = {
  COINCAP_API_KEY: 'cc-secret-71f3a9e1d2c4',
  ETHERSCAN_API_KEY: 'es-secret-4b8c6d2e1f09',
  COINGECKO_DEMO_API_KEY: 'cg-secret-9a1b2c3d4e5f',
  CRYPTOCOMPARE_API_KEY: 'cx-secret-5e6f7a8b9c0d',
};

type Json = Record<string, unknown>;
type Provider = Json & { id: string; state: string; upstream_calls: number; served: number; successes: number; failures: number };

const PRICE_SYMBOLS = ['BTC', 'ETH', 'SOL', 'XRP', 'DOGE'];
const PRICE_REQUESTS = 40;

async function getJson(url: string): Promise<{ status: number; body: Json }> {
  const response = await fetch(url);
  return { status: response.status, body: (await response.json()) as Json };
}

describe('system-api plugin: /api/system/status and /metrics after real traffic through the simulator', function () {
  this.timeout(90_000);
  let demo: SimulatedGateway;
  let logs: CapturedLogger;
  let status: Json;
  /** The status read again just after the metrics: a provider's state may change between two reads. */
  let statusAfterMetrics: Json;
  let metrics: PrometheusSample[];
  let metricsText: string;

  before(async () => {
    logs = capturedLogger();
    demo = await createSimulatedGateway({ port: 0, env: { ...SECRETS }, logger: logs.logger });
    await demo.start();
    await settledModels(demo.app);
    const base = demo.gatewayUrl;
    for (let index = 0; index < PRICE_REQUESTS; index += 1) expect((await fetch(`${base}/api/market/price?symbol=${PRICE_SYMBOLS[index % PRICE_SYMBOLS.length]}`)).status).to.equal(200);
    for (const path of ['/api/market/ticker?symbol=BTC', '/api/market/ohlcv?symbol=ETH&limit=3', '/api/market/fear-greed', '/api/market/gas']) expect((await fetch(`${base}${path}`)).status, path).to.equal(200);
    expect((await fetch(`${base}/api/market/price?symbol=NOSUCHCOIN`)).status).to.equal(404);
    expect((await fetch(`${base}/no/such/route`)).status).to.equal(404);
    // Binance, the heaviest provider, answers 429 (Retry-After at least 1 s): the status, read at once, must show its cooldown.
    demo.simulator.setFaults({ binance: { status429Rate: 1 } });
    for (const ticker of DEFAULT_TICKERS) {
      if (demo.simulator.stats().status429.binance > 0) break;
      await fetch(`${base}/api/market/ticker?symbol=${ticker}`);
    }
    expect(demo.simulator.stats().status429.binance, 'binance was asked during the 429 storm').to.be.greaterThan(0);
    const answer = await getJson(`${base}/api/system/status`);
    expect(answer.status).to.equal(200);
    status = answer.body;
    metricsText = await (await fetch(`${base}/metrics`)).text();
    metrics = parsePrometheusText(metricsText);
    statusAfterMetrics = (await getJson(`${base}/api/system/status`)).body;
    demo.simulator.reset();
  });
  after(() => demo.stop());

  it('answers the six SPEC sections, in order, after when it was read', () => {
    expect(Object.keys(status)).to.deep.equal(['generated_at', ...SPEC_SECTIONS]);
    expect(Date.parse(String(status.generated_at))).to.be.closeTo(Date.now(), 60_000);
  });

  it('lists every provider with its declaration, state and the counters /metrics has', () => {
    const providers = status.providers_detailed as Provider[];
    expect(providers.map((provider) => provider.id).sort()).to.deep.equal(demo.providers().map((provider) => provider.id).sort());
    for (const provider of providers) {
      const upstream = sumOf(metrics, 'crypto_datasource_upstream_request_duration_seconds_count', { provider: provider.id });
      expect(provider.upstream_calls, `${provider.id} upstream calls`).to.equal(upstream);
      expect(provider.successes, provider.id).to.equal(sumOf(metrics, 'crypto_datasource_upstream_request_duration_seconds_count', { provider: provider.id, outcome: 'success' }));
      expect(provider.served, provider.id).to.equal(sumOf(metrics, 'crypto_datasource_provider_served_total', { provider: provider.id }));
      // The gauge is one-hot; it was read between the two statuses, so it shows one of their states.
      const later = (statusAfterMetrics.providers_detailed as Provider[]).find((candidate) => candidate.id === provider.id)!;
      const states = [...new Set([provider.state, later.state])];
      expect(states.reduce((total, state) => total + sumOf(metrics, 'crypto_datasource_provider_state', { provider: provider.id, state }), 0), `${provider.id} state gauge`).to.equal(1);
    }
    const gemini = providers.find((provider) => provider.id === 'gemini')!;
    expect(gemini).to.include({ name: 'Gemini', weight: 10, priority: 5, rate_limited: false, circuit: 'closed', disabled_reason: null });
    // Slow answers on a loaded machine may lower its health: degraded, yet never failing.
    expect(gemini.state).to.be.oneOf(['online', 'degraded', 'cached']);
    expect(gemini.successes).to.be.greaterThan(0);
    expect(gemini.avg_response_ms).to.be.a('number').and.greaterThan(0);
    expect(gemini.p95_response_ms).to.be.a('number').and.greaterThan(0);
    const served = providers.reduce((total, provider) => total + provider.served, 0);
    expect(providers.reduce((total, provider) => total + (provider.traffic_share_percent as number), 0)).to.be.closeTo(100, 1);
    expect(served).to.be.greaterThan(PRICE_REQUESTS);
  });

  it('shows a provider answering 429 as rate-limited, with its cooldown end and last error', () => {
    const binance = (status.providers_detailed as Provider[]).find((provider) => provider.id === 'binance')!;
    expect(binance.state).to.be.oneOf(['rate-limited', 'blacklisted']);
    expect(binance.rate_limited).to.equal(true);
    expect(Date.parse(String(binance.cooldown_until))).to.be.greaterThan(Date.parse(String(status.generated_at)));
    expect(binance.last_error).to.include({ type: 'rate_limited' });
    expect((binance.failures_by_kind as Json).rate_limited).to.be.greaterThan(0);
    expect(sumOf(metrics, 'crypto_datasource_provider_rate_limited', { provider: 'binance' })).to.equal(1);
    const errors = status.recent_errors as Json[];
    expect(errors.find((group) => group.provider === 'binance' && group.type === 'rate_limited')).to.have.property('action').that.is.oneOf(['backoff', 'blacklist']);
    expect(errors.find((group) => group.provider === 'binance')!.message).to.include('HTTP 429');
  });

  it('breaks traffic and upstream calls down by provider and by endpoint', () => {
    const breakdown = status.resource_breakdown as { totals: Json; by_provider: Json[]; by_endpoint: Array<Json & { endpoint: string }> };
    const price = breakdown.by_endpoint.find((row) => row.endpoint === 'price')!;
    expect(price).to.include({ requests: PRICE_REQUESTS, successes: PRICE_REQUESTS, failures: 0 });
    expect(price.cache_hits).to.be.greaterThan(0);
    expect(breakdown.by_endpoint.find((row) => row.endpoint === 'gas')).to.include({ requests: 1, upstream_calls: 1 });
    expect(breakdown.totals.upstream_calls).to.equal(sumOf(metrics, 'crypto_datasource_upstream_request_duration_seconds_count'));
    expect(breakdown.totals.requests).to.equal(sumOf(metrics, 'crypto_datasource_router_request_duration_seconds_count'));
    expect(breakdown.by_provider.reduce((total, row) => total + (row.upstream_calls as number), 0)).to.equal(breakdown.totals.upstream_calls);
  });

  it('reports the process, the cache and its hit rate, and the stream\'s clients (none connected)', () => {
    const infrastructure = status.infrastructure as Json & { memory: Json; cpu: Json; cache: Json };
    expect(infrastructure.node_version).to.equal(process.version);
    expect(infrastructure.uptime_seconds).to.be.at.least(0);
    expect(infrastructure.memory.rss_bytes).to.be.greaterThan(0);
    expect(infrastructure.cpu.cores).to.be.at.least(1);
    expect(infrastructure.cache.keys).to.equal(sumOf(metrics, 'crypto_datasource_cache_keys'));
    const requests = sumOf(metrics, 'crypto_datasource_router_request_duration_seconds_count');
    const cached = sumOf(metrics, 'crypto_datasource_router_request_duration_seconds_count', { result: 'cached' });
    expect(infrastructure.cache.hit_rate_percent).to.equal(Math.round((cached / requests) * 1000) / 10);
    expect(infrastructure.websocket_clients).to.equal(0);
    expect(infrastructure.websocket_clients).to.equal(sumOf(metrics, 'crypto_datasource_ws_connections'));
  });

  it('reports HTTP performance from the request histogram /metrics exposes', () => {
    const performance = status.performance as Record<string, number>;
    // /metrics was asked after the status: it counts the status request too.
    expect(sumOf(metrics, 'crypto_datasource_http_request_duration_seconds_count')).to.equal(performance.requests! + 1);
    expect(performance.requests).to.be.at.least(PRICE_REQUESTS + 7);
    expect(performance.server_errors).to.equal(sumOf(metrics, 'crypto_datasource_http_request_duration_seconds_count', { status: '503' }) + sumOf(metrics, 'crypto_datasource_http_request_duration_seconds_count', { status: '500' }));
    expect(performance.requests_per_second).to.be.greaterThan(0);
    expect(performance.p50_response_ms).to.be.at.most(performance.p95_response_ms!);
    expect(performance.p95_response_ms).to.be.at.most(performance.p99_response_ms!);
    expect(performance.avg_response_ms).to.be.greaterThan(0);
    expect(performance.cache_hit_rate_percent).to.equal((status.infrastructure as { cache: Json }).cache.hit_rate_percent);
  });

  it('labels HTTP requests by route pattern and status, never by raw path', () => {
    expect(sumOf(metrics, 'crypto_datasource_http_request_duration_seconds_count', { route: '/api/market/price', status: '200' })).to.equal(PRICE_REQUESTS);
    expect(sumOf(metrics, 'crypto_datasource_http_request_duration_seconds_count', { route: '/api/market/price', status: '404' })).to.equal(1);
    expect(sumOf(metrics, 'crypto_datasource_http_request_duration_seconds_count', { route: 'unmatched', status: '404' })).to.equal(1);
    expect(metricsText).to.not.include('/no/such/route');
  });

  it('shows each sentiment model\'s state and load time', () => {
    const ai = status.ai_models as { transformers_loaded: boolean; mode: string; models_available: string[]; models: Json[] };
    expect(ai).to.include({ transformers_loaded: true, mode: 'cpu' });
    expect(ai.models_available).to.include(PROJECT_MODEL_ID);
    const own = ai.models.find((model) => model.id === PROJECT_MODEL_ID)!;
    expect(own).to.include({ state: 'loaded', progress_percent: 100, failure_reason: null, default: true, source: 'local' });
    expect(own.load_time_ms).to.be.a('number').and.at.least(0);
    const hub = ai.models.find((model) => model.id === 'Xenova/distilbert-base-uncased-finetuned-sst-2-english')!;
    expect(hub).to.include({ state: 'unavailable', load_time_ms: null });
    expect(hub.failure_reason).to.include('allowRemoteModels');
    expect(sumOf(metrics, 'crypto_datasource_ai_model_state', { model: PROJECT_MODEL_ID, state: 'loaded' })).to.equal(1);
    expect(sumOf(metrics, 'crypto_datasource_ai_model_load_duration_seconds', { model: PROJECT_MODEL_ID })).to.equal((own.load_time_ms as number) / 1000);
  });

  it('exposes the metrics in the Prometheus text format, default process metrics included', async () => {
    const response = await fetch(`${demo.gatewayUrl}/metrics`);
    expect(response.headers.get('content-type')).to.equal('text/plain; version=0.0.4; charset=utf-8');
    const names = new Set(parsePrometheusText(await response.text()).map((sample) => sample.name));
    for (const name of [
      'crypto_datasource_http_request_duration_seconds_bucket',
      'crypto_datasource_upstream_request_duration_seconds_bucket',
      'crypto_datasource_cache_lookups_total',
      'crypto_datasource_provider_circuit_state',
      'crypto_datasource_provider_blacklisted',
      'process_cpu_seconds_total',
      'nodejs_eventloop_lag_seconds',
    ]) {
      expect(names, name).to.include(name);
    }
  });

  it('moves the metrics with traffic', async () => {
    const before = parsePrometheusText(await (await fetch(`${demo.gatewayUrl}/metrics`)).text());
    for (let index = 0; index < 10; index += 1) await fetch(`${demo.gatewayUrl}/api/market/price?symbol=BTC`);
    const after = parsePrometheusText(await (await fetch(`${demo.gatewayUrl}/metrics`)).text());
    const delta = (name: string, where: Record<string, string>): number => sumOf(after, name, where) - sumOf(before, name, where);
    expect(delta('crypto_datasource_http_request_duration_seconds_count', { route: '/api/market/price', status: '200' })).to.equal(10);
    expect(delta('crypto_datasource_router_request_duration_seconds_count', { capability: 'price' })).to.equal(10);
    expect(delta('crypto_datasource_provider_selections_total', { capability: 'price' })).to.be.at.least(10);
    expect(delta('crypto_datasource_cache_lookups_total', { capability: 'price', result: 'hit' })).to.be.greaterThan(0);
  });

  it('never shows an API key: not in the status, the metrics, the readiness, the OpenAPI document or the logs', async () => {
    const texts = {
      status: JSON.stringify(status),
      freshStatus: await (await fetch(`${demo.gatewayUrl}/api/system/status`)).text(),
      metrics: await (await fetch(`${demo.gatewayUrl}/metrics`)).text(),
      readiness: await (await fetch(`${demo.gatewayUrl}/readyz`)).text(),
      openapi: await (await fetch(`${demo.gatewayUrl}/api/openapi.json`)).text(),
      logs: logs.text(),
    };
    expect(texts.logs.length, 'the logs were captured').to.be.greaterThan(1000);
    for (const [where, text] of Object.entries(texts)) for (const secret of Object.values(SECRETS)) expect(text, `${where} holds ${secret}`).to.not.include(secret);
  });
});
