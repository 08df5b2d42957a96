import { expect } from 'chai';
import { mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StaticAsset } from '../../../core/http/static-asset.js';
import { isNotFoundError } from '../../../core/errors/index.js';

describe('StaticAsset', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'static-asset-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('reads the file with a strong ETag, and reads it again once it changes on disk', async () => {
    const file = join(dir, 'bundle.js');
    writeFileSync(file, 'export const a = 1;\n');
    const asset = new StaticAsset({ file, contentType: 'text/javascript; charset=utf-8', missingHint: 'build it' });
    const first = await asset.content();
    expect(first.body.toString()).to.equal('export const a = 1;\n');
    expect((await asset.content()).etag).to.equal(first.etag);
    writeFileSync(file, 'export const a = 22;\n');
    utimesSync(file, new Date(), new Date(Date.now() + 5000));
    const second = await asset.content();
    expect(second.body.toString()).to.equal('export const a = 22;\n');
    expect(second.etag).to.not.equal(first.etag);
  });

  it('is a 404 naming the file and how to make it when the file is missing', async () => {
    const asset = new StaticAsset({ file: join(dir, 'status-drawer.js'), contentType: 'text/javascript', missingHint: 'build it with `npm run build`' });
    try {
      await asset.content();
      expect.fail('read a missing file');
    } catch (error) {
      expect(isNotFoundError(error)).to.equal(true);
      expect((error as Error).message).to.equal('status-drawer.js is not available: build it with `npm run build`');
      expect((error as Error).message).to.not.include(dir);
    }
  });
});
