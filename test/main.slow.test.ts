import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect } from 'chai';
import { startKeepAliveLoad } from './helpers/keep-alive-load.js';

const ROOT = resolve(import.meta.dirname, '..');
/** The spawned gateways keep off the internet: no market listings fetched from the real providers. */
const OFFLINE = { markets: { discovery: false } };
const DEFAULT_PLUGINS = (JSON.parse(readFileSync(join(ROOT, 'config/default.json'), 'utf8')) as { plugins: unknown[] }).plugins;

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function overlay(content: string | object): string {
  const file = join(mkdtempSync(join(tmpdir(), 'cds-main-')), 'overlay.json');
  writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
  return file;
}

function startMain(env: NodeJS.ProcessEnv): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', 'main.ts'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, PORT: '0', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

function finish(child: ChildProcess): Promise<Run> {
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((done) => child.on('exit', (code) => done({ code, stdout, stderr })));
}

async function bootFailure(config: string | object): Promise<Run> {
  const run = await finish(startMain({ CONFIG: overlay(config) }));
  expect(run.code, run.stderr).to.equal(1);
  expect(run.stderr).to.contain('crypto-datasource: failed to start');
  expect(run.stdout).not.to.contain('"msg":"Listening"');
  return run;
}

describe('main (npm start)', function () {
  this.timeout(60_000);

  it('exits 1 with the file name when the CONFIG overlay is missing', async () => {
    const run = await finish(startMain({ CONFIG: '/nonexistent/overlay.json' }));
    expect(run.code).to.equal(1);
    expect(run.stderr).to.contain('Cannot read config file /nonexistent/overlay.json (from the CONFIG environment variable): file not found');
  });

  it('exits 1 on invalid JSON', async () => {
    expect((await bootFailure('{"server": ')).stderr).to.match(/overlay\.json \(from the CONFIG environment variable\) is not valid JSON/);
  });

  it('exits 1 on a wrong type, naming the file and JSON path', async () => {
    expect((await bootFailure({ server: { maxBodyBytes: 'big' } })).stderr).to.match(/overlay\.json: at "server\.maxBodyBytes": Invalid input: expected number, received string/);
  });

  it('exits 1 on an unknown key', async () => {
    expect((await bootFailure({ log: { colour: true } })).stderr).to.match(/overlay\.json: at "log\.colour": unknown key/);
  });

  it('exits 1 when a plugin module is not found', async () => {
    expect((await bootFailure({ plugins: [{ path: 'plugins/nowhere/plugin.js' }] })).stderr).to.contain(
      'plugins[0]: cannot load plugin module "plugins/nowhere/plugin.js": module not found',
    );
  });

  it('exits 1 when plugin options are invalid', async () => {
    const run = await bootFailure({ plugins: [{ path: 'test/fixtures/plugins/hello-plugin.ts', options: { greeting: 5 } }] });
    expect(run.stderr).to.match(/at "plugins\[0\]\.options\.greeting": Invalid input: expected string, received number/);
  });

  it('exits 1 when a plugin throws at start, after stopping the ones already started', async () => {
    const run = await bootFailure({ ...OFFLINE, plugins: [...DEFAULT_PLUGINS, { path: 'test/fixtures/plugins/failing-start-plugin.ts' }] });
    expect(run.stderr).to.contain('plugin "failing-start" failed to start: database unreachable');
    expect(run.stdout).to.contain('Plugin failed to start; stopping the ones already started');
  });

  function listeningPort(child: ChildProcess): Promise<number> {
    return new Promise<number>((found, fail) => {
      let buffered = '';
      child.stdout!.on('data', (chunk: Buffer) => {
        buffered += chunk.toString();
        const match = /"port":(\d+)[^\n]*"msg":"Listening"/.exec(buffered);
        if (match) found(Number(match[1]));
      });
      child.on('exit', () => fail(new Error(`exited before listening: ${buffered}`)));
    });
  }

  it('on SIGTERM lets the in-flight request finish and exits 0', async () => {
    const child = startMain({
      CONFIG: overlay({ ...OFFLINE, plugins: [...DEFAULT_PLUGINS, { path: 'test/fixtures/plugins/hello-plugin.ts', options: { greeting: 'gm', slowMs: 800 } }] }),
    });
    const exited = finish(child);
    const port = await listeningPort(child);
    const inFlight = fetch(`http://127.0.0.1:${port}/api/hello/slow`);
    await new Promise((wait) => setTimeout(wait, 200));
    child.kill('SIGTERM');
    const response = await inFlight;
    expect(response.status).to.equal(200);
    expect(await response.json()).to.deep.equal({ done: true });
    const run = await exited;
    expect(run.code).to.equal(0);
    expect(run.stdout).to.contain('"msg":"Stopped"');
  });

  it('on SIGTERM under keep-alive load answers every request it took, cuts none and exits 0 before the deadline', async () => {
    // Requests 100 ms apart that take 1.2 s: all four are in flight for most of each round.
    const slowMs = 1_200;
    const child = startMain({
      CONFIG: overlay({ ...OFFLINE, plugins: [...DEFAULT_PLUGINS, { path: 'test/fixtures/plugins/hello-plugin.ts', options: { greeting: 'gm', slowMs } }] }),
    });
    const exited = finish(child);
    const port = await listeningPort(child);
    const load = startKeepAliveLoad(`http://127.0.0.1:${port}/api/hello/slow`, 4, 100);
    // Signal while every connection carries a request the server has read (a request still in the
    // socket's buffer of a starved server looks idle to it): none of them is idle.
    const inFlight = async (): Promise<number> => ((await (await fetch(`http://127.0.0.1:${port}/api/hello/slow/in-flight`)).json()) as { inFlight: number }).inFlight;
    while ((await inFlight()) < 4) await new Promise((wait) => setTimeout(wait, 5));
    child.kill('SIGTERM');
    const result = await load.ended();
    const run = await exited;
    expect(result.failed, 'requests cut').to.deep.equal([]);
    expect(result.closingAnswers).to.equal(4);
    expect(run.code).to.equal(0);
    expect(run.stdout).not.to.contain('Shutdown deadline reached');
    expect(run.stdout).to.contain('"msg":"Stopped"');
  });
});
