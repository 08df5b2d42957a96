import http from 'node:http';

/** What a keep-alive load saw, counted by the clients. */
export interface LoadResult {
  /** 200 answers. */
  answered: number;
  /** Answers that said `Connection: close`. */
  closingAnswers: number;
  /** New connections refused (the server no longer listens): expected once it stops. */
  refused: number;
  /** Everything else: requests sent on an open connection that got no 200 (reset, hang-up, 5xx). */
  failed: string[];
}

/** Keep-alive clients issuing requests back to back, each on its own connection. */
export interface KeepAliveLoad {
  /** Resolves once every client has a request out, sent at least `ms` ago and not answered yet. */
  allOutstandingFor(ms: number): Promise<void>;
  /** Resolves with the counts once every client has met a refused connection (the server stopped). */
  ended(): Promise<LoadResult>;
}

/**
 * Starts `clients` keep-alive clients (one socket each) that GET `url` continuously, on loopback,
 * starting `staggerMs` apart so their requests overlap and the server is never idle. A client
 * goes on until its first refused connection: the server has stopped listening.
 */
export function startKeepAliveLoad(url: string, clients: number, staggerMs: number): KeepAliveLoad {
  const result: LoadResult = { answered: 0, closingAnswers: 0, refused: 0, failed: [] };
  const sentAt: Array<number | undefined> = Array.from({ length: clients }, () => undefined);

  const once = (agent: http.Agent, index: number): Promise<boolean> =>
    new Promise((done) => {
      const request = http.get(url, { agent }, (response) => {
        sentAt[index] = undefined;
        if (response.headers.connection === 'close') result.closingAnswers++;
        response.resume();
        response.on('end', () => {
          if (response.statusCode === 200) result.answered++;
          else result.failed.push(`status ${response.statusCode}`);
          done(true);
        });
        response.on('error', (error) => {
          result.failed.push(`response ${error.message}`);
          done(true);
        });
      });
      request.on('finish', () => (sentAt[index] = Date.now()));
      request.on('error', (error: NodeJS.ErrnoException) => {
        sentAt[index] = undefined;
        if (error.code === 'ECONNREFUSED') {
          result.refused++;
          done(false);
        } else {
          result.failed.push(`${error.code ?? error.message}${request.reusedSocket ? ' on a reused connection' : ''}`);
          done(true);
        }
      });
    });

  const client = async (index: number): Promise<void> => {
    await new Promise((wait) => setTimeout(wait, index * staggerMs));
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    try {
      while (await once(agent, index));
    } finally {
      agent.destroy();
    }
  };
  const running = Promise.all(Array.from({ length: clients }, (_, index) => client(index)));

  return {
    allOutstandingFor: async (ms) => {
      const ready = (): boolean => sentAt.every((at) => at !== undefined && Date.now() - at >= ms);
      while (!ready()) await new Promise((wait) => setTimeout(wait, 5));
    },
    ended: async () => {
      await running;
      return result;
    },
  };
}
