import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { expect } from 'chai';

const ROOT = resolve(import.meta.dirname, '../..');

describe('npm run demo', function () {
  this.timeout(60_000);

  it('starts the simulator and the gateway on the ports given, prints both URLs, answers offline and exits 0 on SIGTERM', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/demo.ts'], {
      cwd: ROOT,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, PORT: '0', SIM_PORT: '0', LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
    const urls = await new Promise<{ gateway: string; simulator: string }>((done, fail) => {
      child.stdout.on('data', (chunk: Buffer) => {
        stdout += chunk.toString();
        const gateway = /Gateway\s+(http:\/\/localhost:\d+)/.exec(stdout);
        const simulator = /Upstream simulator\s+(http:\/\/127\.0\.0\.1:\d+)/.exec(stdout);
        if (gateway !== null && simulator !== null) done({ gateway: gateway[1]!, simulator: simulator[1]! });
      });
      void exited.then((code) => fail(new Error(`demo exited ${code} before printing its URLs:\n${stdout}\n${stderr}`)));
    });

    const price = await fetch(`${urls.gateway}/api/market/price?symbol=BTC`);
    expect(price.status).to.equal(200);
    expect(((await price.json()) as { price: number }).price).to.be.greaterThan(0);
    const stats = (await (await fetch(`${urls.simulator}/__sim/stats`)).json()) as { calls: Record<string, number> };
    expect(Object.values(stats.calls).reduce((total, calls) => total + calls, 0), 'the answer came from the simulator').to.be.greaterThan(0);

    child.kill('SIGTERM');
    expect(await exited).to.equal(0);
  });
});
