import { expect } from 'chai';
import { ProviderRegistry } from '../../core/providers/provider-registry.js';
import { ConfigError } from '../../core/errors/index.js';
import { startTestApp } from '../helpers/test-app.js';

const HELLO = { path: 'test/fixtures/plugins/hello-plugin.ts', options: { greeting: 'gm', slowMs: 300 } };

describe('App', () => {
  it('loads a third-party plugin from a path in config that adds a route and a provider', async () => {
    const testApp = await startTestApp({ config: { plugins: [HELLO], providers: { 'hello-feed': { weight: 7 } } } });
    try {
      const response = await fetch(`${testApp.baseUrl}/api/hello`);
      expect(response.status).to.equal(200);
      expect(await response.json()).to.deep.equal({ greeting: 'gm' });
      const provider = testApp.app.kernel.container.get(ProviderRegistry).get('hello-feed');
      expect(provider?.declaration.weight).to.equal(7);
      expect(provider?.declaration.name).to.equal('Hello Feed');
    } finally {
      await testApp.stop();
    }
  });

  it('refuses to boot when providers.<id> names a provider no plugin provides', async () => {
    const error = await startTestApp({ config: { providers: { ghost: { weight: 1 } } } }).catch((caught: unknown) => caught);
    expect(error).to.be.instanceOf(ConfigError);
    expect((error as Error).message).to.contain('test-config.json: at "providers.ghost": no loaded plugin provides "ghost"');
  });

  it('lets an in-flight request finish during a graceful stop and refuses new connections after', async () => {
    const testApp = await startTestApp({ config: { plugins: [HELLO] } });
    const inFlight = fetch(`${testApp.baseUrl}/api/hello/slow`);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const stopped = testApp.stop();
    const response = await inFlight;
    expect(response.status).to.equal(200);
    expect(await response.json()).to.deep.equal({ done: true });
    await stopped;
    const afterStop = await fetch(`${testApp.baseUrl}/healthz`).then(
      () => 'answered',
      () => 'refused',
    );
    expect(afterStop).to.equal('refused');
  });
});
