import { expect } from 'chai';
import { SIM_PROVIDER_IDS } from '../../simulator/sim-provider-id.js';
import { useSimulatedGateway } from '../helpers/use-simulated-gateway.js';

interface Readiness {
  status: string;
  checks: Array<{ name: string; ready: boolean; detail?: string }>;
}

describe('/readyz when every upstream fails (the gateway started without network)', function () {
  this.timeout(120_000);
  const demo = useSimulatedGateway({ port: 0, env: { LOG_LEVEL: 'silent' } });

  it('is ready at start, then answers 503 naming each capability and why once the providers have failed', async () => {
    const readyz = async (): Promise<{ status: number; body: Readiness }> => {
      const response = await fetch(`${demo().gatewayUrl}/readyz`);
      return { status: response.status, body: (await response.json()) as Readiness };
    };
    expect((await readyz()).status).to.equal(200);
    demo().simulator.setFaults(Object.fromEntries(SIM_PROVIDER_IDS.map((id) => [id, { errorRate: 1 }])));
    const symbols = ['BTC', 'ETH', 'SOL', 'XRP', 'DOGE', 'ADA', 'LINK', 'DOT'];
    const capabilities = ['price', 'ticker', 'ohlcv', 'fear-greed', 'gas'];
    const detailOf = (readiness: Readiness): string => readiness.checks.find((check) => check.name === 'providers')?.detail ?? '';
    const everyCapabilityDown = (readiness: Readiness): boolean => capabilities.every((capability) => detailOf(readiness).includes(`no usable provider for ${capability} (`));
    let last = await readyz();
    for (let round = 0; round < 30 && !everyCapabilityDown(last.body); round += 1) {
      const symbol = symbols[round % symbols.length]!;
      const answers = await Promise.all(
        [`/api/market/price?symbol=${symbol}`, `/api/market/ticker?symbol=${symbol}`, `/api/market/ohlcv?symbol=${symbol}&limit=2`, '/api/market/fear-greed', '/api/market/gas'].map(
          async (path) => (await fetch(`${demo().gatewayUrl}${path}`)).status,
        ),
      );
      expect(answers.every((status) => status === 503 || status === 200), `no other answer than 503 or a cached 200: ${answers.join(', ')}`).to.equal(true);
      last = await readyz();
    }
    expect(last.status).to.equal(503);
    expect(last.body.status).to.equal('not_ready');
    const detail = detailOf(last.body);
    for (const capability of capabilities) expect(detail).to.include(`no usable provider for ${capability} (`);
    expect(detail).to.match(/alternative-me: [^;]*failed its last \d+ calls? \(unavailable: HTTP 500\)/);
    expect(detail).to.match(/etherscan: [^;]*(failed its last \d+ calls? \(unavailable: HTTP 500\)|circuit open until )/);
  });
});
