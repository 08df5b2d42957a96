import { expect } from 'chai';
import { ContainerModule, type ContainerModuleLoadOptions } from 'inversify';
import { Env } from '../../../core/config/env.js';
import { Logger } from '../../../core/logging/logger.js';
import { REDACTED } from '../../../core/status/secret-redactor.js';
import { StatusContribution } from '../../../core/status/status-contribution.js';
import { SPEC_SECTIONS, SystemStatus } from '../../../core/status/system-status.js';
import { capturedLogger } from '../../helpers/captured-logger.js';
import { createRouterHarness } from '../../helpers/router-harness.js';

/** A plugin's module binding status contributions (and what else the test needs), loaded after core as plugins are. */
function plugin(contributions: StatusContribution[], extra: (options: ContainerModuleLoadOptions) => void = () => undefined): ContainerModule {
  return new ContainerModule((options) => {
    for (const contribution of contributions) options.bind<StatusContribution>(StatusContribution).toConstantValue(contribution);
    extra(options);
  });
}

describe('SystemStatusCollector', () => {
  it('answers the six SPEC sections in order, null for one nobody contributes, then the other sections', async () => {
    const { router, container } = createRouterHarness([{ id: 'alpha', weight: 1, priority: 1 }], {
      modules: [plugin([{ section: 'custom', snapshot: () => ({ ok: true }) }])],
    });
    await router.route('price', { symbol: 'BTC' });
    const status = await container.get<SystemStatus>(SystemStatus).snapshot();
    expect(Object.keys(status)).to.deep.equal(['generated_at', ...SPEC_SECTIONS, 'custom']);
    expect(status.ai_models).to.equal(null);
    expect(status.custom).to.deep.equal({ ok: true });
    expect((status.providers_detailed as Array<{ id: string; served: number }>)[0]).to.include({ id: 'alpha', served: 1 });
  });

  it('merges contributions to one section in binding order: objects shallowly, arrays appended', async () => {
    const { container } = createRouterHarness([{ id: 'alpha', weight: 1, priority: 1 }], {
      modules: [
        plugin([
          { section: 'infrastructure', snapshot: () => ({ websocket_clients: 3 }) },
          { section: 'recent_errors', snapshot: async () => [{ provider: 'stream', type: 'socket', message: 'closed' }] },
        ]),
      ],
    });
    const status = await container.get<SystemStatus>(SystemStatus).snapshot();
    const infrastructure = status.infrastructure as Record<string, unknown>;
    expect(infrastructure.websocket_clients).to.equal(3);
    expect(infrastructure.node_version).to.equal(process.version);
    expect(status.recent_errors).to.deep.equal([{ provider: 'stream', type: 'socket', message: 'closed' }]);
  });

  it('leaves out a contribution that throws, logs it once at error, and keeps the others', async () => {
    const logs = capturedLogger();
    const { container } = createRouterHarness([{ id: 'alpha', weight: 1, priority: 1 }], {
      modules: [
        plugin(
          [
            {
              section: 'performance',
              snapshot: () => {
                throw new Error('boom');
              },
            },
            { section: 'broken', snapshot: () => Promise.reject(new Error('bang')) },
          ],
          ({ rebind }) => rebind(Logger).toConstantValue(logs.logger),
        ),
      ],
    });
    const system = container.get<SystemStatus>(SystemStatus);
    const first = await system.snapshot();
    await system.snapshot();
    expect(first.performance).to.include({ requests: 0, server_errors: 0 });
    expect(first).to.not.have.property('broken');
    const lines = logs.text().trim().split('\n').map((line) => JSON.parse(line) as { level: number; section: string; msg: string });
    expect(lines.map((line) => [line.level, line.section])).to.deep.equal([
      [50, 'performance'],
      [50, 'broken'],
    ]);
  });

  it('redacts API keys and secret-named environment values wherever a section shows them', async () => {
    const { container } = createRouterHarness([{ id: 'alpha', weight: 1, priority: 1, declaration: { apiKeyEnv: 'ALPHA_ACCESS' } }], {
      modules: [
        plugin(
          [
            { section: 'custom', snapshot: () => ({ message: 'upstream refused key alpha-access-5e1f9c', nested: [{ url: 'https://x.test/?token=tok-7c2d4a9b&q=1' }], short: 'abc' }) },
          ],
          ({ rebind }) => rebind(Env).toConstantValue({ ALPHA_ACCESS: 'alpha-access-5e1f9c', SERVICE_TOKEN: 'tok-7c2d4a9b', OTHER_SECRET: 'abc', HOME: '/home/x' }),
        ),
      ],
    });
    const status = await container.get<SystemStatus>(SystemStatus).snapshot();
    expect(status.custom).to.deep.equal({ message: `upstream refused key ${REDACTED}`, nested: [{ url: `https://x.test/?token=${REDACTED}&q=1` }], short: 'abc' });
  });
});
