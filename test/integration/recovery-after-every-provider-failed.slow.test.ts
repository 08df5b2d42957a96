import { expect } from 'chai';
import { ProviderPolicyFactory } from '../../core/resilience/provider-policy-factory.js';
import { RouterStats } from '../../core/stats/router-stats.js';
import { runOutageRecovery } from '../../simulator/outage-recovery.js';
import { createSimulatedGateway, type SimulatedGateway } from '../../simulator/simulated-gateway.js';
import { silentLogger } from '../helpers/test-app.js';

const PRICE_PROVIDERS = ['binance', 'coinbase', 'kraken'] as const;
/** Consensus compares like with like: a USD consensus asks USD markets only (Binance quotes USDT). */
const USD_PRICE_PROVIDERS = ['coinbase', 'kraken', 'bitstamp'] as const;

function gatewayWith(providers: Record<string, unknown> = {}, plugins: readonly string[] = PRICE_PROVIDERS): Promise<SimulatedGateway> {
  return createSimulatedGateway({
    config: { server: { port: 0, host: '127.0.0.1' }, plugins: [...plugins, 'market-api'], providers },
    logger: silentLogger,
    simulator: { seed: 21 },
  });
}

describe('Recovery after every provider failed (all-provider fault, then cleared)', function () {
  this.timeout(120_000);
  let gateway: SimulatedGateway;

  afterEach(() => gateway.stop());

  it('answers again within seconds of the upstreams recovering, though every breaker waits 30 s', async () => {
    gateway = await gatewayWith();
    await gateway.start();
    const run = await runOutageRecovery(gateway, { providerIds: PRICE_PROVIDERS, path: '/api/market/price?symbol=BTC', maxOutageMs: 30_000, holdMs: 3_000, maxRecoveryMs: 25_000, pollMs: 100 });
    expect(run.everyProviderEjected, 'every circuit left closed during the fault').to.equal(true);
    // Generous bound (panic routing probes within a second; the breakers alone would take 30 s): the figure is in bench/recovery.bench.ts.
    expect(run.recoveryMs, 'a fresh answer after the faults cleared').to.be.a('number').and.below(10_000);
  });

  it('answers mode=consensus again within seconds too, naming the providers that agreed', async () => {
    gateway = await gatewayWith({}, USD_PRICE_PROVIDERS);
    await gateway.start();
    const path = '/api/market/price?symbol=BTC&mode=consensus';
    const run = await runOutageRecovery(gateway, { providerIds: USD_PRICE_PROVIDERS, path, maxOutageMs: 30_000, holdMs: 1_000, maxRecoveryMs: 25_000, pollMs: 100 });
    expect(run.everyProviderEjected).to.equal(true);
    expect(run.recoveryMs, 'a consensus answer after the faults cleared').to.be.a('number').and.below(10_000);
    const response = await fetch(`${gateway.gatewayUrl}${path}`);
    const body = (await response.json()) as { mode: string; sources: { providerId: string }[] };
    expect(response.status).to.equal(200);
    expect(body.mode).to.equal('consensus');
    expect(body.sources.length).to.be.within(1, USD_PRICE_PROVIDERS.length);
    for (const source of body.sources) expect(USD_PRICE_PROVIDERS).to.include(source.providerId);
  });

  it('gives every recovered provider its traffic back within its breaker wait', async () => {
    const halfOpenAfterMs = 3_000;
    gateway = await gatewayWith(Object.fromEntries(PRICE_PROVIDERS.map((id) => [id, { resilience: { breaker: { halfOpenAfterMs } } }])));
    await gateway.start();
    const run = await runOutageRecovery(gateway, { providerIds: PRICE_PROVIDERS, path: '/api/market/price?symbol=ETH', maxOutageMs: 30_000, holdMs: 0, maxRecoveryMs: 10_000, pollMs: 100 });
    expect(run.everyProviderEjected).to.equal(true);
    expect(run.recoveryMs).to.be.a('number');
    const policies = gateway.app.kernel.container.get(ProviderPolicyFactory);
    const stats = gateway.app.kernel.container.get<RouterStats>(RouterStats);
    const servedAtRecovery = (await stats.counters()).providers;
    const recovered = (): boolean => PRICE_PROVIDERS.every((id) => policies.policyFor(gateway.provider(id)).circuit() === 'closed');
    const bound = performance.now() + 3 * halfOpenAfterMs + 5_000;
    const symbols = ['BTC', 'ETH', 'SOL', 'XRP', 'DOGE'];
    for (let index = 0; !recovered() && performance.now() < bound; index += 1) {
      await fetch(`${gateway.gatewayUrl}/api/market/price?symbol=${symbols[index % symbols.length]}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(PRICE_PROVIDERS.map((id) => `${id}: ${policies.policyFor(gateway.provider(id)).circuit()}`)).to.deep.equal(PRICE_PROVIDERS.map((id) => `${id}: closed`));
    for (let index = 0; index < 60; index += 1) await fetch(`${gateway.gatewayUrl}/api/market/price?symbol=${symbols[index % symbols.length]}`);
    const served = (await stats.counters()).providers;
    for (const id of PRICE_PROVIDERS) expect(served[id]!.served - (servedAtRecovery[id]?.served ?? 0), `${id} serves again`).to.be.greaterThan(0);
  });
});
