import { inject, injectable } from 'inversify';
import { LogConfig } from '../config/log-config.js';
import type { LifecycleContribution } from '../kernel/lifecycle-contribution.js';
import { Logger } from '../logging/logger.js';
import { nestedCell } from '../collections/nested-cell.js';
import type { Capability } from '../providers/capability.js';

/** Counts by provider, then capability, each kept in place (a summary zeroes them) so a hot path can hold its own. */
type Tally = Map<string, Map<Capability, { count: number }>>;

/**
 * What the router tells operators about its choices without a synchronous line per request: every
 * `log.summaryIntervalMs` with traffic, one info line `SMART_ROUTING: Selected (summary)` and one
 * `Cache hit (summary)`, each with its counts per provider and capability since the last summary;
 * the last counts are written on stop. Each selection and cache hit has its own line at debug.
 */
@injectable()
export class RoutingLog implements LifecycleContribution {
  private readonly selections: Tally = new Map();
  private readonly cacheHits: Tally = new Map();
  private since = Date.now();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    @inject(Logger) private readonly logger: Logger,
    @inject(LogConfig) private readonly config: LogConfig,
  ) {}

  /** The router chose `providerId` (for `count` symbols of a batch request). */
  selected(providerId: string, capability: Capability, detail: { symbol?: string; symbols?: number; reason?: string }, count = 1): void {
    add(this.selections, providerId, capability, count);
    if (this.logger.isLevelEnabled('debug')) this.debugSelected(providerId, capability, detail);
  }

  /** A request was answered from `providerId`'s fresh cache. */
  cacheHit(providerId: string, capability: Capability, symbol: string | undefined): void {
    add(this.cacheHits, providerId, capability, 1);
    if (this.logger.isLevelEnabled('debug')) this.debugCacheHit(providerId, capability, symbol);
  }

  /** `selected` then `cacheHit` for one request, as a function a hot path keeps per provider and capability. */
  cacheHitRecorder(providerId: string, capability: Capability): (symbol: string) => void {
    const selections = cell(this.selections, providerId, capability);
    const cacheHits = cell(this.cacheHits, providerId, capability);
    return (symbol) => {
      selections.count += 1;
      cacheHits.count += 1;
      if (this.logger.isLevelEnabled('debug')) {
        this.debugSelected(providerId, capability, { symbol });
        this.debugCacheHit(providerId, capability, symbol);
      }
    };
  }

  private debugSelected(providerId: string, capability: Capability, detail: { symbol?: string; symbols?: number; reason?: string }): void {
    this.logger.debug({ provider: providerId, capability, ...detail }, `SMART_ROUTING: Selected ${providerId}`);
  }

  private debugCacheHit(providerId: string, capability: Capability, symbol: string | undefined): void {
    this.logger.debug({ provider: providerId, capability, symbol }, 'Cache hit');
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
    const selections = takeCounts(this.selections);
    const cacheHits = takeCounts(this.cacheHits);
    if (selections !== undefined) this.logger.info({ windowMs, providers: selections }, 'SMART_ROUTING: Selected (summary)');
    if (cacheHits !== undefined) this.logger.info({ windowMs, providers: cacheHits }, 'Cache hit (summary)');
  }
}

function cell(tally: Tally, providerId: string, capability: Capability): { count: number } {
  return nestedCell(tally, providerId, capability, () => ({ count: 0 }));
}

function add(tally: Tally, providerId: string, capability: Capability, count: number): void {
  cell(tally, providerId, capability).count += count;
}

/** The counts since the last summary, by provider then capability, leaving out what counted nothing, and zeroes them; undefined when nothing counted. */
function takeCounts(tally: Tally): Record<string, Record<string, number>> | undefined {
  const counts: Record<string, Record<string, number>> = {};
  let any = false;
  for (const [providerId, byCapability] of tally) {
    for (const [capability, counted] of byCapability) {
      if (counted.count === 0) continue;
      (counts[providerId] ??= {})[capability] = counted.count;
      counted.count = 0;
      any = true;
    }
  }
  return any ? counts : undefined;
}
