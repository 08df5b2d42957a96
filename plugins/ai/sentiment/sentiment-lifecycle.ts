import { inject, injectable } from 'inversify';
import type { LifecycleContribution } from '../../../core/index.js';
import { ModelRegistry } from './model-registry.js';
import { SentimentConfig } from './sentiment-config.js';

/** Loads every model in the background once the server listens (`ai.loadMode: background`), and releases them on shutdown. */
@injectable()
export class SentimentLifecycle implements LifecycleContribution {
  constructor(
    @inject(SentimentConfig) private readonly config: SentimentConfig,
    @inject(ModelRegistry) private readonly registry: ModelRegistry,
  ) {}

  onStart(): void {
    if (this.config.loadMode === 'background') this.registry.loadAllInBackground();
  }

  onStop(): Promise<void> {
    return this.registry.dispose();
  }
}
