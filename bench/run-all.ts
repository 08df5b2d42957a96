import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * `npm run bench`: every benchmark in its own Node process, one after the other, so none skews
 * another. Each prints its table and writes bench/results/<name>.json.
 */
const BENCHES = ['cached-price.bench.ts', 'sustained.bench.ts', 'sentiment.bench.ts', 'system-status.bench.ts', 'recovery.bench.ts', 'ws-fanout.bench.ts', 'cluster.bench.ts', 'demo-market.bench.ts'];

let failed = 0;
for (const bench of BENCHES) {
  const path = fileURLToPath(new URL(bench, import.meta.url));
  if (!existsSync(path)) continue;
  console.log(`\n### ${bench}`);
  const run = spawnSync(process.execPath, ['--import', 'tsx', path], { stdio: 'inherit' });
  if (run.status !== 0) {
    failed += 1;
    console.error(`${bench} failed with exit code ${run.status}`);
  }
}
process.exit(failed === 0 ? 0 : 1);
