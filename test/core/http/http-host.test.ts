import { expect } from 'chai';
import { capturingLogger } from '../../helpers/aggregator-harness.js';
import { startTestApp, type TestApp } from '../../helpers/test-app.js';

describe('createHttpHost', () => {
  let testApp: TestApp;

  before(async () => {
    testApp = await startTestApp({
      config: {
        server: { corsOrigins: ['https://dashboard.example'], maxBodyBytes: 1_000 },
        plugins: [{ path: 'test/fixtures/plugins/error-routes-plugin.ts' }],
      },
    });
  });

  after(() => testApp.stop());

  const get = (path: string, init?: RequestInit): Promise<Response> => fetch(`${testApp.baseUrl}${path}`, init);

  it('answers /healthz and /readyz', async () => {
    const health = await get('/healthz');
    expect(health.status).to.equal(200);
    expect(await health.json()).to.include({ status: 'ok' });
    const ready = await get('/readyz');
    expect(ready.status).to.equal(200);
    // No provider plugin is loaded here: not a reason to refuse traffic, but said in the detail.
    expect(await ready.json()).to.deep.equal({
      status: 'ready',
      checks: [{ name: 'providers', ready: true, detail: 'no enabled provider for price, ticker, ohlcv, fear-greed, gas' }],
    });
  });

  it('turns a domain error into its status and a JSON error body with the request id', async () => {
    const response = await get('/boom/bad-request', { headers: { 'X-Request-Id': 'trace-123' } });
    expect(response.status).to.equal(400);
    expect(response.headers.get('x-request-id')).to.equal('trace-123');
    expect(await response.json()).to.deep.equal({
      error: { code: 'bad_request', message: 'symbol: expected a ticker such as BTC', requestId: 'trace-123' },
    });
  });

  it('sets Retry-After on 503s that know when to come back', async () => {
    const response = await get('/boom/unavailable');
    expect(response.status).to.equal(503);
    expect(response.headers.get('retry-after')).to.equal('43');
    expect(((await response.json()) as { error: { code: string } }).error.code).to.equal('unavailable');
  });

  it('answers an unexpected error with a generic 500 and never a stack trace', async () => {
    const response = await get('/boom/crash');
    expect(response.status).to.equal(500);
    const text = await response.text();
    const body = JSON.parse(text) as { error: { code: string; message: string; requestId: string } };
    expect(body.error.code).to.equal('internal');
    expect(body.error.message).to.equal('Internal server error');
    expect(body.error.requestId).to.match(/^[0-9a-f-]{36}$/);
    expect(text).not.to.contain('secret internal detail');
    expect(text).not.to.contain('.ts:');
  });

  it('answers unknown routes with a JSON 404 and a wrong method with 405', async () => {
    const missing = await get('/api/nothing-here');
    expect(missing.status).to.equal(404);
    expect(await missing.json()).to.deep.include({ error: { code: 'not_found', message: 'No route for GET /api/nothing-here', requestId: missing.headers.get('x-request-id') } });
    const wrongMethod = await get('/healthz', { method: 'POST' });
    expect(wrongMethod.status).to.equal(405);
    expect(((await wrongMethod.json()) as { error: { code: string } }).error.code).to.equal('method_not_allowed');
  });

  it('parses JSON bodies within the limit', async () => {
    const response = await get('/echo', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text: 'hi' }) });
    expect(response.status).to.equal(200);
    expect(await response.json()).to.deep.equal({ received: { text: 'hi' } });
  });

  it('refuses oversized bodies with 413', async () => {
    const response = await get('/echo', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text: 'x'.repeat(2_000) }) });
    expect(response.status).to.equal(413);
    expect(((await response.json()) as { error: { code: string; message: string } }).error).to.include({
      code: 'payload_too_large',
      message: 'Request body exceeds the limit of 1000 bytes',
    });
  });

  it('refuses malformed JSON bodies with 400', async () => {
    const response = await get('/echo', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"text": ' });
    expect(response.status).to.equal(400);
    const body = (await response.json()) as { error: { code: string; message: string } };
    expect(body.error.code).to.equal('bad_request');
    expect(body.error.message).to.match(/^Request body is not valid JSON/);
  });

  it('sends security headers', async () => {
    const response = await get('/healthz');
    expect(response.headers.get('x-content-type-options')).to.equal('nosniff');
    expect(response.headers.get('content-security-policy')).to.contain("default-src 'self'");
    expect(response.headers.get('x-frame-options')).to.equal('SAMEORIGIN');
  });

  it('allows CORS only for origins on the allowlist', async () => {
    const allowed = await get('/healthz', { headers: { Origin: 'https://dashboard.example' } });
    expect(allowed.headers.get('access-control-allow-origin')).to.equal('https://dashboard.example');
    const denied = await get('/healthz', { headers: { Origin: 'https://evil.example' } });
    expect(denied.headers.get('access-control-allow-origin')).to.equal(null);
  });
});

describe('createHttpHost logging', () => {
  interface LogLine {
    level: number;
    msg: string;
    code?: string;
    status?: number;
    err?: { stack?: string };
  }

  async function linesFor(path: string): Promise<LogLine[]> {
    const { logger, lines } = capturingLogger();
    const testApp = await startTestApp({ config: { plugins: [{ path: 'test/fixtures/plugins/error-routes-plugin.ts' }] }, logger });
    try {
      await fetch(`${testApp.baseUrl}${path}`);
    } finally {
      await testApp.stop();
    }
    return lines.map((line) => JSON.parse(line) as LogLine).filter((line) => line.msg === 'request' || line.msg === 'Request failed');
  }

  it('logs an expected 503 once at warn, with its code and no stack trace', async () => {
    const lines = await linesFor('/boom/unavailable');
    const failed = lines.filter((line) => line.msg === 'Request failed');
    expect(failed).to.have.length(1);
    expect(failed[0]!.level).to.equal(40);
    expect(failed[0]!.code).to.equal('unavailable');
    expect(JSON.stringify(failed[0])).not.to.contain('stack');
    expect(lines.find((line) => line.msg === 'request')).to.include({ status: 503, code: 'unavailable' });
  });

  it('logs a 400 only in the request line, with its code', async () => {
    const lines = await linesFor('/boom/bad-request');
    expect(lines.filter((line) => line.msg === 'Request failed')).to.deep.equal([]);
    expect(lines.find((line) => line.msg === 'request')).to.include({ status: 400, code: 'bad_request', level: 30 });
  });

  it('logs an unexpected error at error level with its stack', async () => {
    const lines = await linesFor('/boom/crash');
    const failed = lines.filter((line) => line.msg === 'Request failed');
    expect(failed).to.have.length(1);
    expect(failed[0]!.level).to.equal(50);
    expect(failed[0]!.err?.stack).to.contain('secret internal detail');
  });
});
