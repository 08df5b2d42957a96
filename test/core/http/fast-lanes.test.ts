import { request, type RequestOptions } from 'node:http';
import { expect } from 'chai';
import type Koa from 'koa';
import { ServerConfigSchema } from '../../../core/config/server-config.js';
import type { FastLane } from '../../../core/http/fast-lane.js';
import { createHttpHost } from '../../../core/http/http-host.js';
import { HttpServer } from '../../../core/http/http-server.js';
import { capturingLogger } from '../../helpers/aggregator-harness.js';

const BODY = '{"answer":42}';

/** A host whose Koa route `/answer` and whose fast lane (for `?lane`) answer the same JSON. */
function host(extraMiddleware?: Koa.Middleware): { server: HttpServer; lines: string[]; observed: unknown[][] } {
  const { logger, lines } = capturingLogger();
  const http = createHttpHost(ServerConfigSchema.parse({}), logger);
  if (extraMiddleware !== undefined) http.app.use(extraMiddleware);
  http.router.get('/answer', (ctx) => {
    ctx.type = 'application/json; charset=utf-8';
    ctx.set('Cache-Control', 'max-age=5');
    ctx.body = BODY;
  });
  const lane: FastLane = {
    tryAnswer: ({ path, search }) =>
      path === '/answer' && search === 'lane' ? { status: 200, route: '/answer', headers: ['Content-Type', 'application/json; charset=utf-8', 'Cache-Control', 'max-age=5'], body: BODY } : undefined,
  };
  http.fastLanes.add(lane);
  const observed: unknown[][] = [];
  http.fastLanes.onAnswered((...args) => observed.push(args));
  const app = http.seal();
  return { server: new HttpServer(app, logger, http.fastLanes.handlerFor(app.middleware)), lines, observed };
}

async function answers(server: HttpServer, path: string, init?: RequestInit): Promise<{ status: number; headers: Record<string, string>; body: string }> {
  const { port } = await server.listen(0, '127.0.0.1');
  try {
    const response = await fetch(`http://127.0.0.1:${port}${path}`, init);
    const headers: Record<string, string> = {};
    response.headers.forEach((value, name) => {
      if (name !== 'date' && name !== 'x-request-id') headers[name] = value;
    });
    return { status: response.status, headers, body: await response.text() };
  } finally {
    await server.drain(0);
  }
}

describe('FastLanes', () => {
  it("writes the Koa stack's headers (security headers, Vary, request id) and the request line with the lane's answer", async () => {
    const { server, lines, observed } = host();
    const fast = await answers(server, '/answer?lane', { headers: { 'X-Request-Id': 'lane-1' } });
    const { server: other } = host();
    const full = await answers(other, '/answer?koa');
    expect(fast).to.deep.equal(full);
    expect(fast.headers['content-security-policy']).to.be.a('string');
    const line = JSON.parse(lines.find((text) => text.includes('"msg":"request"'))!) as Record<string, unknown>;
    expect(line).to.include({ requestId: 'lane-1', method: 'GET', path: '/answer', status: 200 });
    expect(observed).to.have.length(1);
    expect(observed[0]!.slice(0, 3)).to.deep.equal(['GET', '/answer', 200]);
  });

  it('leaves to Koa a request with an Origin, with a body, or not a GET', async () => {
    const requests: RequestOptions[] = [{ headers: { Origin: 'http://a.example' } }, { headers: { 'Content-Type': 'application/json', 'Content-Length': '2' } }, { method: 'HEAD' }];
    for (const options of requests) {
      const { server, observed } = host();
      const { port } = await server.listen(0, '127.0.0.1');
      const status = await new Promise<number | undefined>((resolve, reject) => {
        const sent = request({ host: '127.0.0.1', port, path: '/answer?lane', method: 'GET', ...options }, (response) => {
          response.resume();
          response.once('end', () => resolve(response.statusCode));
        });
        sent.once('error', reject);
        sent.end(options.headers !== undefined && 'Content-Length' in options.headers ? '{}' : undefined);
      });
      await server.drain(0);
      expect(status).to.equal(200);
      expect(observed, JSON.stringify(options)).to.have.length(0);
    }
  });

  it('steps aside when a plugin adds a middleware that must see every request', () => {
    const { logger, lines } = capturingLogger();
    const http = createHttpHost(ServerConfigSchema.parse({}), logger);
    http.fastLanes.add({ tryAnswer: () => undefined });
    http.app.use(async function audit(_ctx, next) {
      await next();
    });
    const app = http.seal();
    expect(http.fastLanes.handlerFor(app.middleware)).to.equal(undefined);
    expect(lines.join('')).to.include('Fast lanes off').and.include('audit');
  });

  it('is not installed when no lane was added', () => {
    const http = createHttpHost(ServerConfigSchema.parse({}), capturingLogger().logger);
    const app = http.seal();
    expect(http.fastLanes.handlerFor(app.middleware)).to.equal(undefined);
  });
});
