import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import nock from 'nock';
import { loadConfig } from '../../core/config/config-loader.js';
import { ConfigError } from '../../core/errors/index.js';
import { createSimulatedGateway, type SimulatedGateway } from '../../simulator/simulated-gateway.js';
import { silentLogger } from '../helpers/test-app.js';

/** A port nothing listens on right now. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('createSimulatedGateway', () => {
  let gateway: SimulatedGateway | undefined;

  before(() => {
    nock.disableNetConnect();
    nock.enableNetConnect('127.0.0.1');
  });
  after(() => nock.enableNetConnect());
  afterEach(async () => {
    await gateway?.stop();
    gateway = undefined;
  });

  it('reads config/demo.json by default and points every provider it declares, http-json included, at the simulator', async () => {
    gateway = await createSimulatedGateway({ env: {}, logger: silentLogger });
    const { simulator } = gateway;
    const baseUrls = Object.fromEntries(gateway.providers().map((provider) => [provider.id, provider.declaration.baseUrl]));
    expect(baseUrls).to.include({ binance: simulator.baseUrlOf('binance'), etherscan: simulator.baseUrlOf('etherscan'), 'demo-exchange': simulator.baseUrlOf('generic') });
    for (const [id, baseUrl] of Object.entries(baseUrls)) expect(baseUrl, id).to.match(new RegExp(`^${simulator.url}/`));
    expect(gateway.providers().every((provider) => provider.disabledReason === null), 'the key-requiring providers got their simulated keys').to.equal(true);
  });

  it('listens on 127.0.0.1 with config/demo.json (npm run demo), while npm start keeps the configured default', async () => {
    gateway = await createSimulatedGateway({ env: {}, port: 0, logger: silentLogger });
    await gateway.start();
    expect((gateway.app.server!.server.address() as AddressInfo).address).to.equal('127.0.0.1');
    expect(loadConfig({ defaultFile: 'config/default.json', env: {} }).config.server.host, 'npm start').to.equal('0.0.0.0');
  });

  it('listens where an overlay sets server.host, and on 127.0.0.1 when it does not', async () => {
    const overlay = join(mkdtempSync(join(tmpdir(), 'cds-demo-')), 'lan.json');
    writeFileSync(overlay, JSON.stringify({ server: { host: '0.0.0.0' }, plugins: ['kraken', 'market-api'] }));
    gateway = await createSimulatedGateway({ config: overlay, env: {}, logger: silentLogger });
    expect(gateway.app.config.server.host).to.equal('0.0.0.0');
    const withoutHost = join(mkdtempSync(join(tmpdir(), 'cds-demo-')), 'plain.json');
    writeFileSync(withoutHost, JSON.stringify({ plugins: ['kraken', 'market-api'] }));
    await gateway.stop();
    gateway = await createSimulatedGateway({ config: withoutHost, env: {}, logger: silentLogger });
    expect(gateway.app.config.server.host).to.equal('127.0.0.1');
  });

  it('lets the port option win over PORT from the environment', async () => {
    gateway = await createSimulatedGateway({ env: { PORT: '8123' }, port: 0, logger: silentLogger });
    expect(gateway.app.config.server.port).to.equal(0);
  });

  it('builds an inline config, not started until start(), then serves prices from the simulator', async () => {
    gateway = await createSimulatedGateway({
      config: { server: { port: 0, host: '127.0.0.1' }, plugins: ['kraken', 'market-api'] },
      env: {},
      logger: silentLogger,
      simulator: { seed: 3 },
    });
    const started = gateway;
    expect(() => started.gatewayUrl).to.throw(/not started: call start\(\) first/);
    expect(gateway.provider('kraken').declaration.baseUrl).to.equal(gateway.simulator.baseUrlOf('kraken'));
    expect(() => started.provider('binance')).to.throw(/no provider "binance" is bound \(have kraken\)/);

    const url = await gateway.start();
    expect(gateway.gatewayUrl).to.equal(url);
    const response = await fetch(`${url}/api/market/price?symbol=BTC`);
    expect(response.status).to.equal(200);
    expect(((await response.json()) as { source: string }).source).to.equal('Kraken');
    expect(gateway.simulator.stats().calls.kraken, 'the answer came from the simulator').to.be.greaterThan(0);
  });

  it('rejects a bad inline config with a ConfigError naming the field, and frees the simulator port', async () => {
    const port = await freePort();
    const failure = await createSimulatedGateway({
      config: { plugins: ['kraken'], providers: { kraken: { weight: -1 } } },
      env: {},
      logger: silentLogger,
      simulator: { port },
    }).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(failure).to.be.instanceOf(ConfigError);
    expect((failure as Error).message).to.match(/inline config.*providers\.kraken\.weight/s);
    const probe = await fetch(`http://127.0.0.1:${port}/__sim/stats`).then(
      () => 'answered',
      () => 'refused',
    );
    expect(probe, 'the simulator was closed').to.equal('refused');
  });
});
