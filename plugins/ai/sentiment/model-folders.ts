import { existsSync, readdirSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { PROJECT_ROOT, projectPath } from '../../../core/index.js';

/** Where a model was found on disk. */
export interface LocalModel {
  /** The models folder holding it (transformers.js `env.localModelPath`). */
  folder: string;
  /** `<folder>/<id>` */
  path: string;
}


/** The project's own models folder (holds crypto-sentiment-bow). */
export const PROJECT_MODELS_FOLDER = projectPath('models');

/**
 * The local folders searched for models, in order: the project's models/, then the configured one.
 * Clients are never shown where the server keeps its files: `display` and `redact` name a folder
 * by its path inside the project (`models`) or else by the setting that configured it (`MODELS_DIR`).
 */
export class ModelFolders {
  /** Absolute folder paths, without duplicates. */
  readonly folders: readonly string[];
  /** The configured folder (`MODELS_DIR` or `ai.localModelPath`), absolute; hub downloads are kept there. */
  readonly configured: string | undefined;
  /** Each folder's public name, longest folder first (a folder inside another is replaced first). */
  private readonly names: ReadonlyArray<readonly [folder: string, name: string]>;

  /** `configuredBy` names the setting the configured folder came from, as shown to clients. */
  constructor(configured: string | undefined, cwd: string, configuredBy = 'MODELS_DIR') {
    this.configured = configured === undefined ? undefined : resolve(cwd, configured);
    this.folders = [...new Set([PROJECT_MODELS_FOLDER, ...(this.configured === undefined ? [] : [this.configured])])];
    this.names = this.folders
      .map((folder) => [folder, isInside(folder, PROJECT_ROOT) ? relative(PROJECT_ROOT, folder) || '.' : configuredBy] as const)
      .sort(([a], [b]) => b.length - a.length);
  }

  /** The folders' public names, in search order, e.g. `models/, MODELS_DIR/`. */
  describeFolders(): string {
    return this.folders.map((folder) => `${this.redact(folder)}/`).join(', ');
  }

  /**
   * `text` (a path, an error message) with every absolute path of a models folder or of the project
   * replaced by its public name: `models/crypto-sentiment-bow`, `MODELS_DIR/my-model/onnx/model.onnx`.
   */
  redact(text: string): string {
    let redacted = text;
    for (const [folder, name] of this.names) redacted = redacted.split(folder).join(name);
    return redacted.split(PROJECT_ROOT + sep).join('').split(PROJECT_ROOT).join('.');
  }

  /** The first folder holding `<id>/config.json`. */
  locate(id: string): LocalModel | undefined {
    for (const folder of this.folders) {
      const path = join(folder, id);
      if (existsSync(join(path, 'config.json'))) return { folder, path };
    }
    return undefined;
  }

  /** Ids of the models in the folders (sub-folders with a config.json and an onnx/ folder). */
  discover(): string[] {
    const ids: string[] = [];
    for (const folder of this.folders) {
      if (!existsSync(folder)) continue;
      for (const entry of readdirSync(folder, { withFileTypes: true })) {
        const path = join(folder, entry.name);
        if (entry.isDirectory() && existsSync(join(path, 'config.json')) && existsSync(join(path, 'onnx'))) ids.push(entry.name);
      }
    }
    return [...new Set(ids)].sort();
  }

  /** Files transformers.js needs that are missing from a local model folder. */
  missingFiles(model: LocalModel, quantized: boolean): string[] {
    const needed = ['config.json', 'tokenizer.json', 'tokenizer_config.json', join('onnx', quantized ? 'model_quantized.onnx' : 'model.onnx')];
    return needed.filter((file) => !existsSync(join(model.path, file)));
  }
}

function isInside(path: string, folder: string): boolean {
  return path === folder || path.startsWith(folder + sep);
}
