import { spawn, spawnSync } from 'node:child_process';
import type { LoadFigures, LoadPlan } from './load.js';

/** True when wrk (Debian's package `wrk`) is on the PATH. */
export function wrkInstalled(): boolean {
  return spawnSync('wrk', ['--version'], { stdio: 'ignore' }).error === undefined;
}

/**
 * Runs wrk, one thread, against 127.0.0.1: a load generator in C whose own cost per response is a
 * fraction of autocannon's (whose HTTP parser is JavaScript, so each header it reads costs CPU on the
 * same two cores the server runs on). One path, at full speed (wrk has no fixed rate).
 */
export function runWrk(plan: LoadPlan): Promise<LoadFigures> {
  if (plan.paths.length !== 1 || plan.rate !== undefined) throw new Error('runWrk loads one path at full speed');
  const args = ['-t1', `-c${plan.connections}`, `-d${plan.seconds}s`, '--latency', `${plan.url}${plan.paths[0]}`];
  return new Promise((resolve, reject) => {
    const child = spawn('wrk', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.once('error', reject);
    child.once('exit', (code) => {
      try {
        if (code !== 0) throw new Error(`wrk exited with ${code}`);
        resolve(wrkFigures(output));
      } catch (error) {
        reject(new Error(`${(error as Error).message}:\n${output}`));
      }
    });
  });
}

/** The figures of wrk's report (`--latency`). */
export function wrkFigures(output: string): LoadFigures {
  const number = (pattern: RegExp, name: string): number => {
    const match = pattern.exec(output);
    if (match === null) throw new Error(`wrk's report has no ${name}`);
    return Number(match[1]);
  };
  const requests = number(/(\d+) requests in /, 'request count');
  const socketErrors = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(output);
  const non2xx = /Non-2xx or 3xx responses: (\d+)/.exec(output);
  return {
    requests,
    requestsPerSecond: Math.round(number(/Requests\/sec:\s+([\d.]+)/, 'Requests/sec')),
    p50Ms: latencyMs(output, '50%'),
    p99Ms: latencyMs(output, '99%'),
    non2xx: non2xx === null ? 0 : Number(non2xx[1]),
    errors: socketErrors === null ? 0 : Number(socketErrors[1]) + Number(socketErrors[2]) + Number(socketErrors[3]),
    timeouts: socketErrors === null ? 0 : Number(socketErrors[4]),
    statusCodes: {},
  };
}

const MS_PER_UNIT: Readonly<Record<string, number>> = { us: 0.001, ms: 1, s: 1000 };

function latencyMs(output: string, percentile: string): number {
  const match = new RegExp(`^\\s+${percentile}\\s+([\\d.]+)(us|ms|s)$`, 'm').exec(output);
  if (match === null) throw new Error(`wrk's report has no ${percentile} latency`);
  return Number(match[1]) * MS_PER_UNIT[match[2]!]!;
}
