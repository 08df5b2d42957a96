import { build } from 'esbuild';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The bundles `npm run build` (and `npm run demo`, and the browser tests) make, each one ES module with Lit inside. */
export const WEB_COMPONENT_BUNDLES = {
  'status-drawer': 'web-components/status-drawer/status-drawer.ts',
  dashboard: 'web-components/dashboard/dashboard.ts',
} as const;

/** Where the bundles are written (gitignored; the web plugins serve them from there). */
export const WEB_COMPONENTS_DIST = 'web-components/dist';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Bundles every web component with esbuild into `web-components/dist/<name>.js`; resolves with the files written. */
export async function buildWebComponents(root: string = ROOT): Promise<string[]> {
  const result = await build({
    absWorkingDir: root,
    entryPoints: Object.fromEntries(Object.entries(WEB_COMPONENT_BUNDLES)),
    outdir: WEB_COMPONENTS_DIST,
    bundle: true,
    format: 'esm',
    target: 'es2022',
    minify: true,
    legalComments: 'eof',
    sourcemap: false,
    metafile: true,
    logLevel: 'warning',
  });
  return Object.keys(result.metafile.outputs);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const files = await buildWebComponents();
  process.stdout.write(`web components: ${files.join(', ')}\n`);
}
