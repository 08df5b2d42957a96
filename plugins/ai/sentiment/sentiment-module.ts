import { ContainerModule } from 'inversify';
import { RouteContribution, LifecycleContribution, definePlugin, StatusContribution } from '../../../core/index.js';
import { OpenApiContribution } from '../../api/openapi/index.js';
import { ModelFolders } from './model-folders.js';
import { ModelRegistry, TransformersModelRegistry } from './model-registry.js';
import { SentimentClassifier } from './sentiment-classifier.js';
import { SentimentConfig, SentimentConfigSchema } from './sentiment-config.js';
import { SentimentApiDocs } from './sentiment-api-docs.js';
import { SentimentLifecycle } from './sentiment-lifecycle.js';
import { SentimentMetrics } from './sentiment-metrics.js';
import { SentimentRoutes } from './sentiment-routes.js';
import { SentimentStatus } from './sentiment-status.js';
import { SentimentStatusContribution } from './sentiment-status-contribution.js';
import { TransformersRuntime } from './transformers-runtime.js';

/**
 * The `ai-sentiment` plugin (SPEC §7): a registry of sentiment models run on the CPU by
 * transformers.js, `POST /api/ai/sentiment`, `GET /api/ai/models` and the SentimentStatus service,
 * with its `ai_models` status section, its model-state metrics and its OpenAPI operations.
 * Models load in the background after start (or lazily), so they never hold up `/readyz`.
 */
export const sentimentPlugin = definePlugin<SentimentConfig>({
  name: 'ai-sentiment',
  configSection: 'ai',
  optionsSchema: SentimentConfigSchema,
  module: ({ options, env, configError }) => {
    const folders = new ModelFolders(env.MODELS_DIR ?? options.localModelPath, process.cwd(), env.MODELS_DIR !== undefined ? 'MODELS_DIR' : 'ai.localModelPath');
    const known = new Set([...options.models.map((model) => model.id), ...(options.discoverLocalModels ? folders.discover() : [])]);
    if (!known.has(options.defaultModel)) {
      throw configError(['defaultModel'], `model "${options.defaultModel}" is neither in ai.models nor in a local models folder (${folders.folders.join(', ')})`);
    }
    return new ContainerModule(({ bind }) => {
      bind<SentimentConfig>(SentimentConfig).toConstantValue(Object.freeze(options));
      bind(ModelFolders).toConstantValue(folders);
      bind(TransformersRuntime).toConstantValue(new TransformersRuntime());
      bind<ModelRegistry>(ModelRegistry).to(TransformersModelRegistry).inSingletonScope();
      bind<SentimentStatus>(SentimentStatus).toService(ModelRegistry);
      bind(SentimentClassifier).toSelf().inSingletonScope();
      bind<RouteContribution>(RouteContribution).to(SentimentRoutes).inSingletonScope();
      bind<LifecycleContribution>(LifecycleContribution).to(SentimentLifecycle).inSingletonScope();
      bind<StatusContribution>(StatusContribution).to(SentimentStatusContribution).inSingletonScope();
      bind<LifecycleContribution>(LifecycleContribution).to(SentimentMetrics).inSingletonScope();
      bind<OpenApiContribution>(OpenApiContribution).to(SentimentApiDocs).inSingletonScope();
    });
  },
});
