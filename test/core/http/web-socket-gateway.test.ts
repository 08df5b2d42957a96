import { expect } from 'chai';
import { WebSocket } from 'ws';
import { startTestApp, type TestApp } from '../../helpers/test-app.js';

/** Opens a socket and resolves with the first event that settles it. */
function connect(url: string): Promise<{ socket?: WebSocket; refusedWith?: number }> {
  return new Promise((resolve) => {
    const socket = new WebSocket(url);
    socket.once('open', () => resolve({ socket }));
    socket.once('unexpected-response', (request, response) => {
      resolve({ refusedWith: response.statusCode ?? 0 });
      request.destroy();
    });
    socket.on('error', () => undefined);
  });
}

describe('WebSocketGateway', () => {
  let testApp: TestApp;
  let wsUrl: string;

  beforeEach(async () => {
    testApp = await startTestApp({ config: { plugins: [{ path: 'test/fixtures/plugins/echo-socket-plugin.ts' }] } });
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
});
