import net from 'node:net';

/** What came back on a raw socket: the status line, headers (lower-cased names), body, and whether the server closed. */
export interface RawAnswer {
  status: number | undefined;
  headers: Record<string, string>;
  body: string;
  /** Bytes received in all; 0 when the connection was closed or reset without an answer. */
  bytes: number;
}

/**
 * Writes `request` (raw bytes, as a client that is not a well-behaved library would) on a new
 * loopback connection and reads until the server closes it.
 */
export function rawRequest(port: number, request: string | Buffer): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const socket = net.connect(port, '127.0.0.1', () => socket.write(request));
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'ECONNRESET' && error.code !== 'EPIPE') reject(error);
    });
    socket.on('close', () => resolve(parse(Buffer.concat(chunks))));
  });
}

function parse(raw: Buffer): RawAnswer {
  const text = raw.toString('utf8');
  const end = text.indexOf('\r\n\r\n');
  const head = end === -1 ? text : text.slice(0, end);
  const [statusLine = '', ...lines] = head.split('\r\n');
  const status = /^HTTP\/1\.1 (\d{3})/.exec(statusLine)?.[1];
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return { status: status === undefined ? undefined : Number(status), headers, body: end === -1 ? '' : text.slice(end + 4), bytes: raw.length };
}
