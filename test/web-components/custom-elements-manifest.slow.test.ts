import { expect } from 'chai';
import { execFile } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';

const COMMITTED = 'web-components/status-drawer/custom-elements.json';
const FRESH_DIR = join('test', 'artifacts', 'custom-elements-check');

describe('web-components/status-drawer/custom-elements.json', function () {
  this.timeout(60_000);

  after(() => rmSync(FRESH_DIR, { recursive: true, force: true }));

  it('is what @custom-elements-manifest/analyzer makes of the class JSDoc today (npm run build:manifest)', async () => {
    await promisify(execFile)(process.execPath, ['node_modules/@custom-elements-manifest/analyzer/cem.js', 'analyze', '--config', 'custom-elements-manifest.config.mjs', '--quiet'], {
      env: { ...process.env, CEM_OUTDIR: FRESH_DIR },
    });
    const fresh = readFileSync(join(FRESH_DIR, 'custom-elements.json'), 'utf8');
    expect(fresh, 'the committed manifest is stale: run npm run build:manifest').to.equal(readFileSync(COMMITTED, 'utf8'));
  });
});
