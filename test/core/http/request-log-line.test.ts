import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';

const here = (path: string): string => JSON.stringify(fileURLToPath(new URL(path, import.meta.url)));

/** Requests whose `request` line the test writes both ways: a plain one, one with a code, one whose path needs escaping. */
const REQUESTS = [
  ['3f2b', 'GET', '/api/market/price', 200, null, 0.04],
  ['3f2b', 'POST', '/api/sentiment', 400, 'invalid_request', 12.3456],
  ['a.b_c-d', 'GET', '/api/"quoted"\\path/é', 404, 'not_found', 1],
] as const;

/** The gateway logger (createLogger) in its own process: each request's line through requestLogger, then as pino writes the same object. */
function linesBothWays(): { fast: Record<string, unknown>[]; pino: Record<string, unknown>[] } {
  const script = `
    import { createLogger } from ${here('../../../core/logging/logger.ts')};
    import { requestLogger } from ${here('../../../core/http/request-log-middleware.ts')};
    const logger = createLogger({ level: 'info', pretty: false });
    const log = requestLogger(logger);
    const plain = logger.child({}, { redact: { paths: [] } });
    for (const [requestId, method, path, status, code, durationMs] of ${JSON.stringify(REQUESTS)}) {
      log(requestId, method, path, status, code ?? undefined, durationMs);
      plain.info({ requestId, method, path, status, ...(code === null ? {} : { code }), durationMs: Math.round(durationMs * 100) / 100 }, 'request');
    }
    process.exit(0);`;
  const run = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8' });
  expect(run.status, run.stderr).to.equal(0);
  const lines = run.stdout.trim().split('\n');
  expect(lines).to.have.length(REQUESTS.length * 2);
  const parsed = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
  return { fast: parsed.filter((_, index) => index % 2 === 0), pino: parsed.filter((_, index) => index % 2 === 1) };
}

describe('the request line of the gateway logger', () => {
  it('is the line pino writes for the same fields, in the same order, escaped where needed', () => {
    const { fast, pino } = linesBothWays();
    const withoutTime = ({ time, ...rest }: Record<string, unknown>): Record<string, unknown> => {
      expect(time).to.be.a('number');
      return rest;
    };
    expect(fast.map((line) => JSON.stringify(withoutTime(line)))).to.deep.equal(pino.map((line) => JSON.stringify(withoutTime(line))));
    expect(fast[2]!.path).to.equal('/api/"quoted"\\path/é');
    expect(fast[0]).to.include({ level: 30, service: 'crypto-datasource', msg: 'request', status: 200, durationMs: 0.04 });
  });
});
