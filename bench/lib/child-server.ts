import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** A server running in its own Node process, as it would in production. */
export interface ChildServer {
  url: string;
  /** The line it announced itself with (`LISTENING <port> ...`: servers may add what else they serve). */
  banner: string;
  /** Its process (benchmarks that read more of its output or signal it). */
  process: ChildProcess;
  stop(): Promise<void>;
}

/** Where `buildBenchServers` puts the servers as built JS. */
const BUILT_SERVERS = new URL('../../dist-bench/bench/servers/', import.meta.url);

/**
 * Starts `node --import tsx <script>` (or, with `built`, the script's JS from `buildBenchServers`)
 * and waits for it to print `LISTENING <port>`. Each server under test gets the same process
 * setup, so their figures compare. What it prints after that is read and dropped.
 */
export function startChildServer(script: string, env: NodeJS.ProcessEnv = {}, nodeArgs: string[] = [], built = false): Promise<ChildServer> {
  const path = fileURLToPath(built ? new URL(script.replace(/\.ts$/, '.js'), BUILT_SERVERS) : new URL(`../servers/${script}`, import.meta.url));
  const child = spawn(process.execPath, [...nodeArgs, ...(built ? [] : ['--import', 'tsx']), path], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let output = '';
    let listening = false;
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${script} did not start within 30 s:\n${output}`));
    }, 30_000);
    child.stdout.on('data', (chunk: Buffer) => {
      if (listening) return;
      output += chunk.toString('utf8');
      const match = /LISTENING (\d+)[^\n]*\n/.exec(output);
      if (match === null) return;
      listening = true;
      clearTimeout(timer);
      resolve({ url: `http://127.0.0.1:${match[1]}`, banner: match[0].trim(), process: child, stop: () => stopChild(child) });
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${script} exited with ${code} before listening:\n${output}`));
    });
  });
}

function stopChild(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

/** Compiles the servers under bench/servers (with core, plugins and the simulator) to JS in dist-bench/, for `startChildServer(..., built)`. */
export function buildBenchServers(): void {
  const tsc = fileURLToPath(new URL('../../node_modules/typescript/bin/tsc', import.meta.url));
  const build = spawnSync(process.execPath, [tsc, '-p', fileURLToPath(new URL('../../tsconfig.bench.json', import.meta.url))], { stdio: 'inherit' });
  if (build.status !== 0) throw new Error(`building the benchmark servers failed (tsc exit ${build.status})`);
}
