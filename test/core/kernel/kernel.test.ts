import { expect } from 'chai';
import { ContainerModule } from 'inversify';
import { z } from 'zod';
import { configFromObject } from '../../../core/config/config-loader.js';
import { ConfigError, PluginError } from '../../../core/errors/index.js';
import { Kernel } from '../../../core/kernel/kernel.js';
import type { Lifecycle } from '../../../core/kernel/lifecycle.js';
import { LifecycleContribution } from '../../../core/kernel/lifecycle-contribution.js';
import { definePlugin, type Plugin } from '../../../core/kernel/plugin.js';
import type { PluginCatalogue } from '../../../core/kernel/plugin-catalogue.js';
import { silentLogger } from '../../helpers/test-app.js';

const Greeting = Symbol('Greeting');

/** A plugin whose lifecycle contribution records each phase; `override` replaces some hooks. */
function recordingPlugin(
  name: string,
  events: string[],
  extra: Partial<Plugin<{ word?: string }>> = {},
  override: Partial<LifecycleContribution> = {},
): Plugin<{ word?: string }> {
  return definePlugin<{ word?: string }>({
    name,
    optionsSchema: z.strictObject({ word: z.string().optional() }),
    module: ({ options }) => {
      events.push(`bind ${name}${options.word ? ` ${options.word}` : ''}`);
      const contribution: LifecycleContribution = {
        initialize: () => void events.push(`initialize ${name}`),
        configure: () => void events.push(`configure ${name}`),
        onStart: () => void events.push(`start ${name}`),
        onStop: () => void events.push(`stop ${name}`),
        ...override,
      };
      return new ContainerModule(({ bind }) => void bind<LifecycleContribution>(LifecycleContribution).toConstantValue(contribution));
    },
    ...extra,
  });
}

/** Runs every phase as App.start does (without HTTP): initialize, configure, start. */
async function runLifecycle(lifecycle: Lifecycle): Promise<void> {
  await lifecycle.initialize();
  await lifecycle.configure(undefined as never);
  await lifecycle.start(undefined as never);
}

function kernelFor(config: Record<string, unknown>, catalogue: PluginCatalogue): Kernel {
  const { config: appConfig, sources } = configFromObject(config, 'kernel-test.json');
  return new Kernel({ config: appConfig, sources, env: {}, logger: silentLogger, catalogue, cwd: process.cwd() });
}

describe('Kernel', () => {
  it('binds plugins in config order, runs their contributions phase by phase in that order and stops them in reverse', async () => {
    const events: string[] = [];
    const catalogue: PluginCatalogue = {
      a: async () => recordingPlugin('a', events),
      b: async () => recordingPlugin('b', events),
      c: async () => recordingPlugin('c', events),
    };
    const kernel = kernelFor({ plugins: ['b', { name: 'a', options: { word: 'hi' } }, 'c'] }, catalogue);
    await kernel.load();
    const lifecycle = kernel.lifecycle();
    await runLifecycle(lifecycle);
    await lifecycle.stop();
    expect(events).to.deep.equal([
      'bind b', 'bind a hi', 'bind c',
      'initialize b', 'initialize a', 'initialize c',
      'configure b', 'configure a', 'configure c',
      'start b', 'start a', 'start c',
      'stop c', 'stop a', 'stop b',
    ]);
    expect(kernel.pluginNames).to.deep.equal(['b', 'a', 'c']);
  });

  it('makes what a plugin binds available in the shared container', async () => {
    const catalogue: PluginCatalogue = {
      greeter: async () =>
        definePlugin({
          name: 'greeter',
          module: () => new ContainerModule(({ bind }) => void bind(Greeting).toConstantValue('hello')),
        }),
    };
    const kernel = kernelFor({ plugins: ['greeter'] }, catalogue);
    await kernel.load();
    expect(kernel.container.get(Greeting)).to.equal('hello');
  });

  it('stops the plugins already started, in reverse, when one throws at start, and names the culprit', async () => {
    const events: string[] = [];
    const catalogue: PluginCatalogue = {
      a: async () => recordingPlugin('a', events),
      b: async () => recordingPlugin('b', events),
      broken: async () =>
        recordingPlugin('broken', events, {}, {
          initialize: () => {
            throw new Error('port already taken');
          },
        }),
      never: async () => recordingPlugin('never', events),
    };
    const kernel = kernelFor({ plugins: ['a', 'b', 'broken', 'never'] }, catalogue);
    await kernel.load();
    const lifecycle = kernel.lifecycle();
    const error = await runLifecycle(lifecycle).then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(error).to.be.instanceOf(PluginError);
    expect((error as PluginError).message).to.equal('plugin "broken" failed to initialize: port already taken');
    expect((error as PluginError).pluginName).to.equal('broken');
    await lifecycle.stop();
    expect(events.filter((event) => !event.startsWith('bind'))).to.deep.equal(['initialize a', 'initialize b', 'stop b', 'stop a']);
  });

  it('names the plugin whose configure or onStart throws, and stops every contribution that got that far', async () => {
    for (const phase of ['configure', 'onStart'] as const) {
      const events: string[] = [];
      const catalogue: PluginCatalogue = {
        a: async () => recordingPlugin('a', events),
        broken: async () => recordingPlugin('broken', events, {}, { [phase]: () => Promise.reject(new Error('no route table')) }),
        c: async () => recordingPlugin('c', events),
      };
      const kernel = kernelFor({ plugins: ['a', 'broken', 'c'] }, catalogue);
      await kernel.load();
      const lifecycle = kernel.lifecycle();
      const error = await runLifecycle(lifecycle).catch((caught: unknown) => caught);
      const verb = phase === 'onStart' ? 'start' : phase;
      expect((error as Error).message).to.equal(`plugin "broken" failed to ${verb}: no route table`);
      await lifecycle.stop();
      expect(events.slice(-3)).to.deep.equal(['stop c', 'stop broken', 'stop a']);
    }
  });

  it('keeps stopping the others when one plugin fails to stop', async () => {
    const events: string[] = [];
    const catalogue: PluginCatalogue = {
      a: async () => recordingPlugin('a', events),
      b: async () =>
        recordingPlugin('b', events, {}, {
          onStop: () => {
            throw new Error('stuck');
          },
        }),
    };
    const kernel = kernelFor({ plugins: ['a', 'b'] }, catalogue);
    await kernel.load();
    const lifecycle = kernel.lifecycle();
    await runLifecycle(lifecycle);
    await lifecycle.stop();
    expect(events).to.include('stop a');
  });

  it('rejects plugin options that fail the plugin schema, naming the file and the JSON path', async () => {
    const catalogue: PluginCatalogue = { a: async () => recordingPlugin('a', []) };
    const kernel = kernelFor({ plugins: [{ name: 'a', options: { word: 7 } }] }, catalogue);
    const error = await kernel.load().catch((caught: unknown) => caught);
    expect(error).to.be.instanceOf(ConfigError);
    expect((error as Error).message).to.contain('Options of plugin "a" are invalid');
    expect((error as Error).message).to.contain('kernel-test.json: at "plugins[0].options.word": Invalid input: expected string, received number');
  });

  it('reads options from the section a plugin owns, and rejects top-level keys nobody owns', async () => {
    const events: string[] = [];
    const catalogue: PluginCatalogue = { owner: async () => recordingPlugin('owner', events, { configSection: 'greetings' }) };
    const kernel = kernelFor({ plugins: ['owner'], greetings: { word: 'section' } }, catalogue);
    await kernel.load();
    expect(events).to.deep.equal(['bind owner section']);

    const twoPlaces = kernelFor({ plugins: [{ name: 'owner', options: { word: 'entry' } }], greetings: {} }, catalogue);
    const misplaced = await twoPlaces.load().catch((caught: unknown) => caught);
    expect(misplaced).to.be.instanceOf(ConfigError);
    expect((misplaced as Error).message).to.contain('kernel-test.json: at "plugins[0].options": plugin "owner" reads its options from the "greetings" section, not from here');

    const orphan = kernelFor({ plugins: ['owner'], greetings: {}, mystery: { a: 1 } }, catalogue);
    const error = await orphan.load().catch((caught: unknown) => caught);
    expect(error).to.be.instanceOf(ConfigError);
    expect((error as Error).message).to.contain('kernel-test.json: at "mystery": unknown key');
  });

  it('refuses an unknown built-in name and a plugin listed twice', async () => {
    const catalogue: PluginCatalogue = { a: async () => recordingPlugin('a', []) };
    const unknown = await kernelFor({ plugins: ['nope'] }, catalogue).load().catch((caught: unknown) => caught);
    expect(unknown).to.be.instanceOf(PluginError);
    expect((unknown as Error).message).to.contain('plugins[0]: no built-in plugin named "nope" (built-ins: a)');

    const twice = await kernelFor({ plugins: ['a', 'a'] }, catalogue).load().catch((caught: unknown) => caught);
    expect((twice as Error).message).to.equal('plugins[1]: plugin "a" is listed twice');
  });

  it('loads third-party plugins by path and reports modules that are missing or export no plugin', async () => {
    const kernel = kernelFor({ plugins: [{ path: 'test/fixtures/plugins/hello-plugin.ts', options: { greeting: 'hi' } }] }, {});
    await kernel.load();
    expect(kernel.pluginNames).to.deep.equal(['hello']);

    const missing = await kernelFor({ plugins: [{ path: 'test/fixtures/plugins/absent.ts' }] }, {}).load().catch((caught: unknown) => caught);
    expect(missing).to.be.instanceOf(PluginError);
    expect((missing as Error).message).to.equal('plugins[0]: cannot load plugin module "test/fixtures/plugins/absent.ts": module not found');

    const missingPackage = await kernelFor({ plugins: [{ package: 'crypto-datasource-plugin-absent' }] }, {}).load().catch((caught: unknown) => caught);
    expect((missingPackage as Error).message).to.equal('plugins[0]: cannot load plugin module "crypto-datasource-plugin-absent": module not found');

    const notPlugin = await kernelFor({ plugins: [{ path: 'test/fixtures/plugins/not-a-plugin.ts' }] }, {}).load().catch((caught: unknown) => caught);
    expect((notPlugin as Error).message).to.contain('does not export a plugin');
  });
});
