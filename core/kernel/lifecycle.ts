import { PluginError } from '../errors/index.js';
import type { HttpHost } from '../http/http-host.js';
import type { Logger } from '../logging/logger.js';
import type { LifecycleContribution, ServerHost } from './lifecycle-contribution.js';

/** A lifecycle contribution and the plugin (or `core`) that bound it. */
export interface OwnedContribution {
  owner: string;
  contribution: LifecycleContribution;
}

type Phase = 'initialize' | 'configure' | 'start';

/**
 * Runs the lifecycle contributions through their phases in order: `initialize`, `configure(host)`,
 * `onStart(server)`, and on shutdown `onStop` in reverse. A failure stops the boot with a
 * PluginError naming the owner; `stop` then reaches every contribution that completed a phase, and
 * a failing `onStop` is logged without stopping the others.
 */
export class Lifecycle {
  /** How many contributions (from the first) completed at least one phase: they are the ones to stop. */
  private reached = 0;
  private stopped = false;

  constructor(
    private readonly contributions: readonly OwnedContribution[],
    private readonly logger: Logger,
  ) {}

  initialize(): Promise<void> {
    return this.run('initialize', (contribution) => contribution.initialize?.());
  }

  configure(host: HttpHost): Promise<void> {
    return this.run('configure', (contribution) => contribution.configure?.(host));
  }

  start(host: ServerHost): Promise<void> {
    return this.run('start', (contribution) => contribution.onStart?.(host));
  }

  /** Runs `onStop` in reverse order on every contribution that completed a phase; idempotent. */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    for (const { owner, contribution } of this.contributions.slice(0, this.reached).reverse()) {
      try {
        await contribution.onStop?.();
      } catch (error) {
        this.logger.error({ plugin: owner, err: error }, 'Plugin failed to stop cleanly');
      }
    }
  }

  private async run(phase: Phase, step: (contribution: LifecycleContribution) => void | Promise<void>): Promise<void> {
    for (const [index, { owner, contribution }] of this.contributions.entries()) {
      try {
        await step(contribution);
      } catch (error) {
        const cause = error instanceof Error ? error.message : String(error);
        this.logger.error({ plugin: owner, err: error }, `Plugin failed to ${phase}; stopping the ones already started`);
        throw new PluginError(owner, `plugin "${owner}" failed to ${phase}: ${cause}`, { cause: error });
      }
      this.reached = Math.max(this.reached, index + 1);
    }
  }
}
