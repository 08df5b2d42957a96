import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { configFromObject, loadConfig } from '../../../core/config/config-loader.js';
import { deepMerge } from '../../../core/config/deep-merge.js';
import { ConfigError } from '../../../core/errors/index.js';

function workspace(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'cds-config-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

function loadError(cwd: string, env: NodeJS.ProcessEnv): ConfigError {
  try {
    loadConfig({ defaultFile: 'default.json', env, cwd });
  } catch (error) {
    expect(error).to.be.instanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error('expected loadConfig to throw');
}

const BASE = JSON.stringify({ server: { port: 7860 }, plugins: [], providers: {} });

describe('loadConfig', () => {
  it('fills defaults, merges the CONFIG overlay over the defaults and applies PORT and LOG_LEVEL last', () => {
    const cwd = workspace({ 'default.json': BASE, 'local.json': JSON.stringify({ server: { host: '127.0.0.1' }, log: { level: 'debug' } }) });
    const { config, sources } = loadConfig({ defaultFile: 'default.json', env: { CONFIG: 'local.json', PORT: '9100', LOG_LEVEL: 'warn' }, cwd });
    expect(config.server).to.deep.include({ port: 9100, host: '127.0.0.1', maxBodyBytes: 262_144 });
    expect(config.log.level).to.equal('warn');
    expect(sources.describe(['server', 'host'])).to.equal('local.json');
    expect(sources.describe(['server', 'port'])).to.equal('environment variable PORT');
    expect(Object.isFrozen(config.server)).to.equal(true);
  });

  it('merges launcher layers after the overlay and before the environment, naming them in errors', () => {
    const cwd = workspace({ 'default.json': BASE, 'demo.json': JSON.stringify({ providers: { kraken: { weight: 3 } } }) });
    const extraLayers = [{ label: 'simulator address', value: { providers: { kraken: { baseUrl: 'http://127.0.0.1:7861/kraken' } } } }];
    const { config, sources } = loadConfig({ defaultFile: 'default.json', env: { CONFIG: 'demo.json' }, cwd, extraLayers });
    expect(config.providers.kraken).to.deep.equal({ weight: 3, baseUrl: 'http://127.0.0.1:7861/kraken' });
    expect(sources.describe(['providers', 'kraken', 'baseUrl'])).to.equal('simulator address');
    try {
      loadConfig({ defaultFile: 'default.json', env: {}, cwd, extraLayers: [{ label: 'simulator address', value: { router: { deadlineMs: 'soon' } } }] });
      expect.fail('expected a ConfigError');
    } catch (error) {
      expect((error as Error).message).to.match(/simulator address.*router\.deadlineMs/s);
    }
  });

  it('rejects bad router and cache sections, naming the JSON path', () => {
    const cwd = workspace({ 'default.json': JSON.stringify({ router: { maxAttempts: 0 }, cache: { maxKeys: -1 } }) });
    const error = loadError(cwd, {});
    expect(error.message).to.include('router.maxAttempts').and.to.include('cache.maxKeys');
  });

  it('uses port 7860 when neither config nor PORT says otherwise', () => {
    const cwd = workspace({ 'default.json': '{}' });
    expect(loadConfig({ defaultFile: 'default.json', env: {}, cwd }).config.server.port).to.equal(7860);
  });

  it('names the overlay file when it is missing', () => {
    const error = loadError(workspace({ 'default.json': BASE }), { CONFIG: 'missing.json' });
    expect(error.message).to.match(/^Cannot read config file missing\.json \(from the CONFIG environment variable\): file not found/);
  });

  it('names the file when it is not valid JSON', () => {
    const error = loadError(workspace({ 'default.json': BASE, 'bad.json': '{"server": {' }), { CONFIG: 'bad.json' });
    expect(error.message).to.match(/^Config file bad\.json \(from the CONFIG environment variable\) is not valid JSON: /);
  });

  it('names file, JSON path and expected type for a wrong type', () => {
    const error = loadError(workspace({ 'default.json': BASE, 'o.json': JSON.stringify({ server: { port: 'eighty' } }) }), { CONFIG: 'o.json' });
    expect(error.message).to.equal('Invalid configuration:\no.json: at "server.port": Invalid input: expected number, received string');
  });

  it('rejects unknown keys at their own path instead of ignoring them', () => {
    const error = loadError(workspace({ 'default.json': BASE, 'o.json': JSON.stringify({ server: { prot: 80 } }) }), { CONFIG: 'o.json' });
    expect(error.message).to.equal('Invalid configuration:\no.json: at "server.prot": unknown key (not allowed here)');
  });

  it('rejects an unknown key inside a provider entry, naming the default file when that is where it is', () => {
    const cwd = workspace({ 'default.json': JSON.stringify({ providers: { binance: { wieght: 3 } } }) });
    const error = loadError(cwd, {});
    expect(error.message).to.equal('Invalid configuration:\ndefault.json: at "providers.binance.wieght": unknown key (not allowed here)');
  });

  it('rejects a PORT that is not a port number and a LOG_LEVEL that is not a level', () => {
    expect(loadError(workspace({ 'default.json': BASE }), { PORT: 'http' }).message).to.equal(
      'environment variable PORT: expected an integer from 0 to 65535, got "http"',
    );
    expect(loadError(workspace({ 'default.json': BASE }), { LOG_LEVEL: 'loud' }).message).to.contain(
      'environment variable LOG_LEVEL: at "log.level": Invalid option',
    );
  });

  it('rejects a config file whose root is not an object', () => {
    expect(loadError(workspace({ 'default.json': '[1,2]' }), {}).message).to.equal('Config file default.json: at "(root)": expected a JSON object');
  });

  describe('a "__proto__" key (JSON.parse keeps it as an own key; a merge or zod would turn it into a prototype and lose it)', () => {
    const cases: Array<[string, string, string]> = [
      ['at the root', '{"__proto__": {"server": {"port": 1}}}', '__proto__'],
      ['inside a core section the default file also sets', '{"server": {"__proto__": {"port": 1}}}', 'server.__proto__'],
      ['inside a provider entry', '{"providers": {"binance": {"__proto__": {"weight": 0}}}}', 'providers.binance.__proto__'],
      ['as a provider id', '{"providers": {"__proto__": {"weight": 0}}}', 'providers.__proto__'],
      ['inside plugin options', '{"plugins": [{"name": "market-api", "options": {"__proto__": {"x": 1}}}]}', 'plugins[0].options.__proto__'],
      ['inside a plugin-owned section', '{"ai": {"__proto__": {"loadMode": "lazy"}}}', 'ai.__proto__'],
    ];
    for (const [name, overlay, path] of cases) {
      it(`is rejected ${name}, naming the file and the path`, () => {
        const error = loadError(workspace({ 'default.json': BASE, 'o.json': overlay }), { CONFIG: 'o.json' });
        expect(error.message).to.equal(`Invalid configuration:\no.json: at "${path}": unknown key (not allowed here)`);
      });
    }

    it('is rejected in an in-memory config too', () => {
      expect(() => configFromObject(JSON.parse('{"log": {"__proto__": {"level": "debug"}}}') as Record<string, unknown>, 'inline.json')).to.throw(
        ConfigError,
        'inline.json: at "log.__proto__": unknown key (not allowed here)',
      );
    });

    it('stays an own key through deepMerge and never changes a prototype', () => {
      const merged = deepMerge({ server: { port: 1 } }, JSON.parse('{"server": {"__proto__": {"polluted": true}}}')) as { server: Record<string, unknown> };
      expect(Object.hasOwn(merged.server, '__proto__')).to.equal(true);
      expect(Object.getPrototypeOf(merged.server)).to.equal(Object.prototype);
      expect(merged.server.polluted).to.equal(undefined);
      expect(merged.server.port).to.equal(1);
    });
  });
});
