import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A plain static server on another port (so another origin) serving one page made per request. */
export interface OtherOriginServer {
  readonly origin: string;
  close(): Promise<void>;
}

/** Serves `page(url)` as HTML for every GET on 127.0.0.1 at a free port. */
export async function startOtherOriginServer(page: (url: URL) => string): Promise<OtherOriginServer> {
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname === '/favicon.ico') {
      res.writeHead(204).end();
      return;
    }
    const body = page(url);
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-length': Buffer.byteLength(body) });
    res.end(body);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
