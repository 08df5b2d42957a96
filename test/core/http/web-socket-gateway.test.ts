import { expect } from 'chai';
import { WebSocket } from 'ws';
import { capturedLogger, type CapturedLogger } from '../../helpers/captured-logger.js';
import { startTestApp, type TestApp } from '../../helpers/test-app.js';

/** How a connection attempt settled: open, refused during the handshake, or closed by the server. */
interface Outcome {
  socket?: WebSocket;
  refusedWith?: number;
  closedWith?: { code: number; reason: string };
}

/** Opens a socket and resolves once it is open, refused, or closed by the server right after the handshake. */
function connect(url: string, headers: Record<string, string> = {}): Promise<Outcome> {
  return new Promise((resolve) => {
    const socket = new WebSocket(url, { headers });
    let timer: NodeJS.Timeout | undefined;
    // A socket the server closes at once is closed before this settles; one left open is open.
    socket.once('open', () => (timer = setTimeout(() => resolve({ socket }), 200)));
    socket.once('close', (code, reason) => {
      clearTimeout(timer);
      resolve({ closedWith: { code, reason: String(reason) } });
    });
    socket.once('unexpected-response', (request, response) => {
      resolve({ refusedWith: response.statusCode ?? 0 });
      request.destroy();
    });
    socket.on('error', () => undefined);
  });
}

/** The captured log lines, decoded. */
function logEntries(logs: CapturedLogger): Array<Record<string, unknown>> {
  return logs.text().trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
}

describe('WebSocketGateway', () => {
  let testApp: TestApp;
  let wsUrl: string;
  let logs: CapturedLogger;

  beforeEach(async () => {
    logs = capturedLogger();
    testApp = await startTestApp({
      config: { server: { corsOrigins: ['https://drawer.example'], maxBodyBytes: 1024 }, plugins: [{ path: 'test/fixtures/plugins/echo-socket-plugin.ts' }] },
      logger: logs.logger,
    });
    wsUrl = testApp.baseUrl.replace('http://', 'ws://');
  });

  afterEach(() => testApp.stop());

  it('serves a WebSocket route a plugin registered', async () => {
    const { socket } = await connect(`${wsUrl}/ws/echo`);
    const echoed = new Promise<string>((resolve) => socket!.once('message', (data) => resolve(String(data))));
    socket!.send('gm');
    expect(await echoed).to.equal('gm');
    socket!.close();
  });

  it('refuses an upgrade to a path nobody registered with 404 at once', async () => {
    expect(await connect(`${wsUrl}/ws/nothing`)).to.deep.equal({ refusedWith: 404 });
  });

  it('closes open sockets with 1001 on shutdown', async () => {
    const { socket } = await connect(`${wsUrl}/ws/echo`);
    const closed = new Promise<number>((resolve) => socket!.once('close', (code) => resolve(code)));
    await testApp.stop();
    expect(await closed).to.equal(1001);
  });

  it('closes a page from an origin neither its own nor on server.corsOrigins with 1008, before its handler sees it', async () => {
    const outcome = await connect(`${wsUrl}/ws/echo`, { Origin: 'https://evil.example' });
    expect(outcome.closedWith).to.deep.equal({ code: 1008, reason: 'origin not allowed' });
    expect(logEntries(logs).find((entry) => entry.msg === 'WebSocket refused: origin not allowed')).to.include({ level: 40, origin: 'https://evil.example' });
  });

  it('lets in the gateway\'s own pages, allowlisted origins and clients that send no origin', async () => {
    const host = new URL(testApp.baseUrl).host;
    const allowed: Array<Record<string, string>> = [{ Origin: `http://${host}` }, { Origin: 'https://drawer.example' }, {}];
    for (const headers of allowed) {
      const { socket } = await connect(`${wsUrl}/ws/echo`, headers);
      expect(socket, JSON.stringify(headers)).to.not.equal(undefined);
      socket!.close();
    }
  });

  it('closes the socket of a handler that throws with 1011 and logs the bug', async () => {
    expect((await connect(`${wsUrl}/ws/broken`)).closedWith).to.deep.equal({ code: 1011, reason: 'internal error' });
    expect(logEntries(logs).find((entry) => entry.msg === 'WebSocket handler failed')).to.include({ level: 50, path: '/ws/broken' });
  });

  it('closes a socket sending a frame over server.maxBodyBytes with 1009', async () => {
    const { socket } = await connect(`${wsUrl}/ws/echo`);
    const closed = new Promise<number>((resolve) => socket!.once('close', (code) => resolve(code)));
    socket!.send('x'.repeat(2048));
    expect(await closed).to.equal(1009);
  });
});
