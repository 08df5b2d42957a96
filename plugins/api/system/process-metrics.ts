import { inject, injectable } from 'inversify';
import { collectDefaultMetrics } from 'prom-client';
import { type LifecycleContribution, MetricsRegistry } from '../../../core/index.js';

/** prom-client's default process metrics (CPU, memory, event loop lag, GC, handles), registered once the app initializes. */
@injectable()
export class ProcessMetrics implements LifecycleContribution {
  constructor(@inject(MetricsRegistry) private readonly registry: MetricsRegistry) {}

  initialize(): void {
    collectDefaultMetrics({ register: this.registry });
  }
}
