import { inject, injectable } from 'inversify';
import { LogConfig } from '../config/log-config.js';
import type { LifecycleContribution } from '../kernel/lifecycle-contribution.js';
import { Logger } from '../logging/logger.js';
import type { Capability } from '../providers/capability.js';

/** Counts by provider, then capability. */
type Tally = Map<string, Map<Capability, number>>;

/**
 * What the router tells operators about its choices without a synchronous line per request: every
 * `log.summaryIntervalMs` with traffic, one info line `SMART_ROUTING: Selected (summary)` and one
 * `Cache hit (summary)`, each with its counts per provider and capability since the last summary;
 * the last counts are written on stop. Each selection and cache hit has its own line at debug.
 */
@injectable()
export class RoutingLog implements LifecycleContribution {
  private selections: Tally = new Map();
  private cacheHits: Tally = new Map();
  private since = Date.now();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    @inject(Logger) private readonly logger: Logger,
    @inject(LogConfig) private readonly config: LogConfig,
  ) {}

  /** The router chose `providerId` (for `count` symbols of a batch request). */
  selected(providerId: string, capability: Capability, detail: { symbol?: string; symbols?: number; reason?: string }, count = 1): void {
    add(this.selections, providerId, capability, count);
    if (this.logger.isLevelEnabled('debug')) this.logger.debug({ provider: providerId, capability, ...detail }, `SMART_ROUTING: Selected ${providerId}`);
  }

  /** A request was answered from `providerId`'s fresh cache. */
  cacheHit(providerId: string, capability: Capability, symbol: string | undefined): void {
    add(this.cacheHits, providerId, capability, 1);
    if (this.logger.isLevelEnabled('debug')) this.logger.debug({ provider: providerId, capability, symbol }, 'Cache hit');
  }

  onStart(): void {
    this.since = Date.now();
    this.timer = setInterval(() => this.flush(), this.config.summaryIntervalMs).unref();
  }

  onStop(): void {
    clearInterval(this.timer);
    this.flush();
  }

  /** Writes the summary lines of what was counted since the last ones, if anything was. */
  flush(): void {
    const now = Date.now();
    const windowMs = now - this.since;
    this.since = now;
    if (this.selections.size > 0) this.logger.info({ windowMs, providers: plain(this.selections) }, 'SMART_ROUTING: Selected (summary)');
    if (this.cacheHits.size > 0) this.logger.info({ windowMs, providers: plain(this.cacheHits) }, 'Cache hit (summary)');
    this.selections = new Map();
    this.cacheHits = new Map();
  }
}

function add(tally: Tally, providerId: string, capability: Capability, count: number): void {
  let byCapability = tally.get(providerId);
  if (byCapability === undefined) {
    byCapability = new Map();
    tally.set(providerId, byCapability);
  }
  byCapability.set(capability, (byCapability.get(capability) ?? 0) + count);
}

function plain(tally: Tally): Record<string, Record<string, number>> {
  return Object.fromEntries([...tally].map(([providerId, byCapability]) => [providerId, Object.fromEntries(byCapability)]));
}
