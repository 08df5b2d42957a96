import { expect } from 'chai';
import { startTestApp, type TestApp } from '../../helpers/test-app.js';

describe('RouterReadiness and disabled providers', () => {
  let testApp: TestApp;

  before(async () => {
    testApp = await startTestApp({ config: { plugins: ['etherscan', 'alternative-me', 'market-api'] }, env: {} });
  });
  after(() => testApp.stop());

  it('says in /readyz which capability has no enabled provider and why, without refusing traffic', async () => {
    const response = await fetch(`${testApp.baseUrl}/readyz`);
    expect(response.status).to.equal(200);
    const body = (await response.json()) as { checks: Array<{ name: string; detail?: string }> };
    expect(body.checks[0]!.detail).to.include('gas (etherscan: ETHERSCAN_API_KEY is not set)');
  });

  it('answers 503 naming the missing key when the only provider of a capability is disabled', async () => {
    const response = await fetch(`${testApp.baseUrl}/api/market/gas`);
    expect(response.status).to.equal(503);
    const body = (await response.json()) as { error: { message: string } };
    expect(body.error.message).to.equal('No enabled provider serves gas (etherscan: ETHERSCAN_API_KEY is not set)');
  });
});
