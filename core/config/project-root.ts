import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The project root: the nearest folder above this file with a package.json, so the project's own
 * files (models/, web-components/dist/) are found both from the sources (tsx) and from dist/.
 */
function findProjectRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) return process.cwd();
    dir = parent;
  }
  return dir;
}

/** The project root folder (absolute). */
export const PROJECT_ROOT = findProjectRoot();

/** An absolute path inside the project: `projectPath('web-components', 'dist')`. */
export function projectPath(...segments: string[]): string {
  return join(PROJECT_ROOT, ...segments);
}
