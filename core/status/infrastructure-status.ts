import { availableParallelism, loadavg } from 'node:os';
import { inject, injectable } from 'inversify';
import { z } from 'zod';
import { Clock } from '../clock/clock.js';
import type { LifecycleContribution } from '../kernel/lifecycle-contribution.js';
import { SampledWindow } from '../metrics/sampled-window.js';
import { RouterStatus } from '../stats/router-status.js';
import type { StatusContribution } from './status-contribution.js';

const CPU_WINDOW_MS = 60_000;
const SAMPLE_EVERY_MS = 5_000;
const bytes = z.int().min(0);

/** The `infrastructure` section; open to fields other contributions add (the WebSocket plugin's client count). */
export const InfrastructureSchema = z.looseObject({
  uptime_seconds: z.number().min(0),
  started_at: z.iso.datetime(),
  node_version: z.string(),
  platform: z.string().meta({ description: 'Operating system and CPU architecture, e.g. linux/x64' }),
  memory: z.strictObject({ rss_bytes: bytes, heap_used_bytes: bytes, heap_total_bytes: bytes, external_bytes: bytes }),
  cpu: z.strictObject({
    user_seconds: z.number().min(0),
    system_seconds: z.number().min(0),
    usage_percent: z.number().min(0).nullable().meta({ description: 'CPU time per wall time over about the last minute, in percent of one core; null on the first reading' }),
    cores: z.int().min(1),
    load_average: z.array(z.number().min(0)).length(3).meta({ description: '1, 5 and 15 minute load averages (zeros on Windows)' }),
  }),
  cache: z.strictObject({
    keys: z.int().min(0),
    hits: z.int().min(0).meta({ description: 'Routed requests answered from a fresh cache since start' }),
    requests: z.int().min(0),
    hit_rate_percent: z.number().min(0).max(100).nullable(),
  }),
  websocket_clients: z.int().min(0).nullable().meta({ description: 'Connected WebSocket clients; null unless a WebSocket plugin reports them' }),
});

/** `infrastructure` as JSON. */
export type Infrastructure = z.output<typeof InfrastructureSchema>;

/** Core's `infrastructure` section (SPEC §6.3): the process, its CPU and memory, and the response cache. */
@injectable()
export class InfrastructureStatus implements StatusContribution, LifecycleContribution {
  readonly section = 'infrastructure';
  readonly schema = InfrastructureSchema;
  private readonly cpu: SampledWindow<NodeJS.CpuUsage>;

  constructor(
    @inject(RouterStatus) private readonly router: RouterStatus,
    @inject(Clock) private readonly clock: Clock,
  ) {
    this.cpu = new SampledWindow(() => process.cpuUsage(), clock, CPU_WINDOW_MS, SAMPLE_EVERY_MS);
  }

  onStart(): void {
    this.cpu.start();
  }

  onStop(): void {
    this.cpu.stop();
  }

  async snapshot(): Promise<Infrastructure> {
    const [{ at, now, baseline }, router] = await Promise.all([this.cpu.current(), this.router.snapshot()]);
    const memory = process.memoryUsage();
    const wallMicros = (at - baseline.at) * 1000;
    const cpuMicros = now.user + now.system - baseline.reading.user - baseline.reading.system;
    const uptime = process.uptime();
    return {
      uptime_seconds: Math.round(uptime),
      started_at: new Date(this.clock.now() - uptime * 1000).toISOString(),
      node_version: process.version,
      platform: `${process.platform}/${process.arch}`,
      memory: { rss_bytes: memory.rss, heap_used_bytes: memory.heapUsed, heap_total_bytes: memory.heapTotal, external_bytes: memory.external },
      cpu: {
        user_seconds: Math.round(now.user / 1e4) / 100,
        system_seconds: Math.round(now.system / 1e4) / 100,
        usage_percent: wallMicros <= 0 ? null : Math.round((cpuMicros / wallMicros) * 1000) / 10,
        cores: availableParallelism(),
        load_average: loadavg().map((value) => Math.round(value * 100) / 100),
      },
      cache: {
        keys: router.cache.keys,
        hits: router.totals.cacheHits,
        requests: router.totals.requests,
        hit_rate_percent: router.totals.requests === 0 ? null : router.totals.cacheHitRate,
      },
      websocket_clients: null,
    };
  }
}
