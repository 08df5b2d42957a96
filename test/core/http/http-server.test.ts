import net from 'node:net';
import { expect } from 'chai';
import { capturingLogger } from '../../helpers/aggregator-harness.js';
import { startKeepAliveLoad } from '../../helpers/keep-alive-load.js';
import { rawRequest, type RawAnswer } from '../../helpers/raw-http.js';
import { startTestApp, type TestApp } from '../../helpers/test-app.js';

const SLOW_MS = 300;
const HELLO = { path: 'test/fixtures/plugins/hello-plugin.ts', options: { greeting: 'gm', slowMs: SLOW_MS } };

interface LogLine {
  level: number;
  msg: string;
  requestId?: string;
  status?: number;
  code?: string;
  err?: unknown;
}

function logLines(lines: readonly string[]): LogLine[] {
  return lines.map((line) => JSON.parse(line) as LogLine);
}

describe('HttpServer', () => {
  describe('graceful shutdown under keep-alive load', () => {
    const CLIENTS = 4;

    it('answers every in-flight request with Connection: close, cuts none, and stops without waiting for the deadline', async () => {
      const { logger, lines } = capturingLogger();
      // A short budget, so that a shutdown that runs to its deadline still ends the test quickly.
      const testApp = await startTestApp({ config: { server: { shutdownTimeoutMs: 3_000 }, plugins: [HELLO] }, logger });
      const server = testApp.app.server!;
      let started = 0;
      let finished = 0;
      server.server.on('request', (_request, response) => {
        started++;
        response.once('finish', () => finished++);
      });
      const load = startKeepAliveLoad(`${testApp.baseUrl}/api/hello/slow`, CLIENTS, SLOW_MS / CLIENTS);
      await load.allOutstandingFor(0);
      // Stop while every connection carries a request: the server is never idle under this load.
      while (server.activeRequests < CLIENTS) await new Promise((wait) => setTimeout(wait, 1));
      await testApp.stop();
      const result = await load.ended();

      expect(result.failed, 'requests cut').to.deep.equal([]);
      expect(started - finished, 'requests the server began and never finished').to.equal(0);
      expect(result.answered).to.equal(started);
      expect(result.closingAnswers, 'each connection ends with the request it carried at the signal').to.equal(CLIENTS);
      expect(result.refused, 'the next request of each client finds the server closed').to.equal(CLIENTS);
      expect(logLines(lines).map((line) => line.msg)).not.to.include('Shutdown deadline reached; closing remaining connections');
    });

    it('closes an idle keep-alive connection at once', async () => {
      const testApp = await startTestApp({ config: { plugins: [HELLO] } });
      const socket = net.connect(Number(new URL(testApp.baseUrl).port), '127.0.0.1');
      const answered = new Promise<string>((resolve) => socket.once('data', (chunk: Buffer) => resolve(chunk.toString())));
      const closedByServer = new Promise<void>((resolve) => socket.once('close', () => resolve()));
      socket.write('GET /api/hello HTTP/1.1\r\nHost: localhost\r\n\r\n');
      expect(await answered).to.match(/^HTTP\/1\.1 200 /).and.to.match(/keep-alive/i);
      // keepAliveTimeout is 5 s, longer than this test may take: the close comes from the stop.
      await testApp.stop();
      await closedByServer;
    });
  });

  describe('at the HTTP edge (raw requests on a socket)', () => {
    let testApp: TestApp;
    let port: number;
    let lines: string[];

    before(async () => {
      const capture = capturingLogger();
      lines = capture.lines;
      testApp = await startTestApp({ config: { plugins: [HELLO] }, logger: capture.logger });
      port = Number(new URL(testApp.baseUrl).port);
    });

    after(() => testApp.stop());

    /** The answer must be the JSON error shape with the X-Request-Id, and logged once at warn with that id, without a stack. */
    function expectJsonRefusal(answer: RawAnswer, status: number, code: string): { message: string; requestId: string } {
      expect(answer.status, `status of ${answer.body}`).to.equal(status);
      expect(answer.headers['content-type']).to.equal('application/json; charset=utf-8');
      const body = JSON.parse(answer.body) as { error: { code: string; message: string; requestId: string } };
      expect(Object.keys(body)).to.deep.equal(['error']);
      expect(Object.keys(body.error)).to.deep.equal(['code', 'message', 'requestId']);
      expect(body.error.code).to.equal(code);
      expect(body.error.requestId).to.match(/^[0-9a-f-]{36}$/);
      expect(answer.headers['x-request-id']).to.equal(body.error.requestId);
      expect(answer.body).not.to.match(/\.ts:|node_modules|at [A-Za-z]+ \(/);
      const logged = logLines(lines).filter((line) => line.requestId === body.error.requestId && line.msg !== 'request');
      expect(logged.map((line) => [line.level, line.msg, line.status, line.code])).to.deep.equal([[40, 'Request refused', status, code]]);
      expect(logged[0]!.err).to.equal(undefined);
      return body.error;
    }

    it('TRACE: 405 with Allow naming the methods the path serves', async () => {
      const answer = await rawRequest(port, 'TRACE /healthz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n');
      const error = expectJsonRefusal(answer, 405, 'method_not_allowed');
      expect(answer.headers.allow).to.equal('HEAD, GET');
      expect(error.message).to.equal('Method TRACE is not allowed on /healthz; allowed: HEAD, GET');
    });

    it('a known method on a route that does not take it: 405 with Allow', async () => {
      const answer = await rawRequest(port, 'DELETE /api/hello HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n');
      expectJsonRefusal(answer, 405, 'method_not_allowed');
      expect(answer.headers.allow).to.equal('HEAD, GET');
    });

    it('TRACE on a path with no route: 404', async () => {
      const answer = await rawRequest(port, 'TRACE /nowhere HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n');
      expect(answer.status).to.equal(404);
      expect(answer.headers.allow).to.equal(undefined);
      expect((JSON.parse(answer.body) as { error: { code: string } }).error.code).to.equal('not_found');
    });

    it('CONNECT: 501, this server is not a proxy', async () => {
      const answer = await rawRequest(port, 'CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n');
      expect(expectJsonRefusal(answer, 501, 'not_implemented').message).to.equal('CONNECT is not supported: this server is not a proxy');
    });

    it('an unknown method (BREW): 501 naming it', async () => {
      const answer = await rawRequest(port, 'BREW /pot HTTP/1.1\r\nHost: localhost\r\n\r\n');
      expect(expectJsonRefusal(answer, 501, 'not_implemented').message).to.equal('Method BREW is not implemented by this server');
    });

    it('bytes that are not a request line (a TLS hello on the HTTP port): 400', async () => {
      const answer = await rawRequest(port, Buffer.from([0x16, 0x03, 0x01, 0x02, 0x00, 0x01, 0x00, 0x01, 0xfc, 0x03, 0x03]));
      expect(expectJsonRefusal(answer, 400, 'bad_request').message).to.equal('Malformed HTTP request');
    });

    it('a 20 kB URL: 431', async () => {
      const answer = await rawRequest(port, `GET /api/hello?q=${'a'.repeat(20_000)} HTTP/1.1\r\nHost: localhost\r\n\r\n`);
      expect(expectJsonRefusal(answer, 431, 'headers_too_large').message).to.equal('The request line and headers exceed 16384 bytes');
    });

    it('a 20 kB header: 431', async () => {
      const answer = await rawRequest(port, `GET /api/hello HTTP/1.1\r\nHost: localhost\r\nX-Padding: ${'a'.repeat(20_000)}\r\n\r\n`);
      expectJsonRefusal(answer, 431, 'headers_too_large');
    });

    it('a 20 kB header sent in small pieces: one 431, logged once', async () => {
      const answer = await new Promise<RawAnswer>((resolve, reject) => {
        const socket = net.connect(port, '127.0.0.1');
        const chunks: Buffer[] = [];
        socket.on('data', (chunk: Buffer) => chunks.push(chunk));
        socket.on('error', (error: NodeJS.ErrnoException) => (error.code === 'EPIPE' || error.code === 'ECONNRESET' ? undefined : reject(error)));
        socket.on('close', () => {
          const text = Buffer.concat(chunks).toString();
          const [head = '', body = ''] = text.split('\r\n\r\n');
          const headers = Object.fromEntries(head.split('\r\n').slice(1).map((line) => [line.slice(0, line.indexOf(':')).toLowerCase(), line.slice(line.indexOf(':') + 1).trim()]));
          resolve({ status: Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1]), headers, body, bytes: text.length });
        });
        socket.write('GET /api/hello HTTP/1.1\r\nHost: localhost\r\nX-Padding: ');
        let sent = 0;
        const more = (): void => {
          if (socket.destroyed || socket.writableEnded || sent >= 20_000) return;
          sent += 2_000;
          socket.write('a'.repeat(2_000), () => setTimeout(more, 2));
        };
        more();
      });
      expectJsonRefusal(answer, 431, 'headers_too_large');
    });

    it('keeps serving well-formed requests on other connections', async () => {
      const response = await fetch(`${testApp.baseUrl}/api/hello`);
      expect(response.status).to.equal(200);
    });
  });
});
