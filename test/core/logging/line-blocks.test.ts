import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import { LineBlocks, type LineSink } from '../../../core/logging/line-blocks.js';

/** A sink that records what it was handed and how it was flushed. */
function recordingSink(): LineSink & { writes: string[]; flushes: string[] } {
  const writes: string[] = [];
  const flushes: string[] = [];
  return {
    writes,
    flushes,
    write: (data) => writes.push(data) > 0,
    flush: () => flushes.push('flush'),
    flushSync: () => flushes.push('flushSync'),
  };
}

describe('LineBlocks', () => {
  it('hands lines over joined, in order, once a block is full', () => {
    const sink = recordingSink();
    const blocks = new LineBlocks(sink, 10);
    blocks.write('one\n');
    blocks.write('two\n');
    expect(sink.writes).to.deep.equal([]);
    blocks.write('three\n');
    blocks.write('four\n');
    expect(sink.writes).to.deep.equal(['one\ntwo\nthree\n']);
  });

  it('hands a partial block over on flush and on flushSync, then flushes the sink', () => {
    const sink = recordingSink();
    const blocks = new LineBlocks(sink, 1_000);
    blocks.write('a\n');
    blocks.flush();
    blocks.write('b\n');
    blocks.flushSync();
    blocks.flush();
    expect(sink.writes).to.deep.equal(['a\n', 'b\n']);
    expect(sink.flushes).to.deep.equal(['flush', 'flushSync', 'flush']);
  });

  it('writes every pending line of the gateway logger when the process exits', () => {
    const logger = fileURLToPath(new URL('../../../core/logging/logger.ts', import.meta.url));
    const script = `import { createLogger } from ${JSON.stringify(logger)};
      const log = createLogger({ level: 'info', pretty: false });
      for (let index = 0; index < 5; index += 1) log.info({ index }, 'line');
      process.exit(0);`;
    const run = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8' });
    expect(run.status, run.stderr).to.equal(0);
    const lines = run.stdout.trim().split('\n').map((line) => JSON.parse(line) as { index: number; msg: string });
    expect(lines.map((line) => line.index)).to.deep.equal([0, 1, 2, 3, 4]);
    expect(lines.every((line) => line.msg === 'line')).to.equal(true);
  });
});
