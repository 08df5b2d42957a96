import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { App } from '../../../../core/app.js';
import { ModelRegistry } from '../../../../plugins/ai/sentiment/model-registry.js';
import { PROJECT_MODELS_FOLDER } from '../../../../plugins/ai/sentiment/model-folders.js';

const PROJECT_MODEL = join(PROJECT_MODELS_FOLDER, 'crypto-sentiment-bow');

/** A temporary models folder; `remove()` deletes it. */
export interface TempModelsFolder {
  path: string;
  /** Adds a copy of the project's model under `id`, with `change` applied to its files. */
  addModel(id: string, change?: { config?: (config: Record<string, unknown>) => void; onnx?: Buffer }): void;
  remove(): void;
}

/** Creates an empty models folder in the OS temp dir. */
export function tempModelsFolder(): TempModelsFolder {
  const path = mkdtempSync(join(tmpdir(), 'sentiment-models-'));
  return {
    path,
    addModel(id, change = {}) {
      const dir = join(path, id);
      mkdirSync(join(dir, 'onnx'), { recursive: true });
      for (const file of ['tokenizer.json', 'tokenizer_config.json']) copyFileSync(join(PROJECT_MODEL, file), join(dir, file));
      const config = JSON.parse(readFileSync(join(PROJECT_MODEL, 'config.json'), 'utf8')) as Record<string, unknown>;
      change.config?.(config);
      writeFileSync(join(dir, 'config.json'), JSON.stringify(config));
      const onnxPath = join(dir, 'onnx', 'model_quantized.onnx');
      if (change.onnx === undefined) copyFileSync(join(PROJECT_MODEL, 'onnx', 'model_quantized.onnx'), onnxPath);
      else writeFileSync(onnxPath, change.onnx);
    },
    remove: () => rmSync(path, { recursive: true, force: true }),
  };
}

/** Waits until every model of a running app has loaded or failed (background loads settle). */
export async function settledModels(app: App): Promise<void> {
  const registry = app.kernel.container.get<ModelRegistry>(ModelRegistry);
  await Promise.allSettled(registry.ids.map((id) => registry.ensureLoaded(id)));
}

/** What `postJson` got back. */
export interface JsonResponse {
  status: number;
  body: Record<string, unknown> & { error?: { code: string; message: string } };
  retryAfter: string | null;
}

/** POSTs JSON and returns status, parsed body and Retry-After. */
export async function postJson(url: string, body: unknown): Promise<JsonResponse> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: response.status, body: (await response.json()) as JsonResponse['body'], retryAfter: response.headers.get('retry-after') };
}
