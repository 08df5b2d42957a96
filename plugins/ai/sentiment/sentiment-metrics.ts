import { inject, injectable } from 'inversify';
import { Gauge } from 'prom-client';
import { type LifecycleContribution, MetricsRegistry } from '../../../core/index.js';
import { SentimentStatus, type ModelLoadState } from './sentiment-status.js';

const STATES: ReadonlyArray<ModelLoadState['state']> = ['not-loaded', 'loading', 'loaded', 'failed'];

/**
 * The sentiment models' state as Prometheus gauges, read from the model registry when `/metrics`
 * is scraped (the `ai_models` status section reads the same state).
 */
@injectable()
export class SentimentMetrics implements LifecycleContribution {
  constructor(
    @inject(MetricsRegistry) private readonly registry: MetricsRegistry,
    @inject(SentimentStatus) private readonly status: SentimentStatus,
  ) {}

  initialize(): void {
    const status = this.status;
    const registers = [this.registry];
    new Gauge({
      name: 'crypto_datasource_ai_model_state',
      help: 'Sentiment model load state (not-loaded, loading, loaded, failed): 1 for the current one',
      labelNames: ['model', 'state'],
      registers,
      collect(this: Gauge<'model' | 'state'>): void {
        for (const model of status.snapshot().models) for (const state of STATES) this.set({ model: model.id, state }, model.state === state ? 1 : 0);
      },
    });
    new Gauge({
      name: 'crypto_datasource_ai_model_load_progress_ratio',
      help: 'Share of the announced model files read while loading (1 once loaded, 0 otherwise)',
      labelNames: ['model'],
      registers,
      collect(this: Gauge<'model'>): void {
        for (const model of status.snapshot().models) this.set({ model: model.id }, model.state === 'loading' ? model.percent / 100 : model.state === 'loaded' ? 1 : 0);
      },
    });
    new Gauge({
      name: 'crypto_datasource_ai_model_load_duration_seconds',
      help: 'How long loading the model took (only for loaded models)',
      labelNames: ['model'],
      registers,
      collect(this: Gauge<'model'>): void {
        this.reset();
        for (const model of status.snapshot().models) if (model.state === 'loaded') this.set({ model: model.id }, model.loadMs / 1000);
      },
    });
    new Gauge({
      name: 'crypto_datasource_ai_transformers_loaded',
      help: 'transformers.js (onnxruntime-node) imported (1) or not (0)',
      registers,
      collect(this: Gauge): void {
        this.set(status.snapshot().transformers_loaded ? 1 : 0);
      },
    });
  }
}
