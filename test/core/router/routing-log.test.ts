import { Writable } from 'node:stream';
import { expect } from 'chai';
import { pino } from 'pino';
import { LogConfigSchema } from '../../../core/config/log-config.js';
import { RoutingLog } from '../../../core/router/routing-log.js';

/** A RoutingLog over a logger at `level` whose lines the test reads. */
function routingLog(level: string): { log: RoutingLog; lines: Array<Record<string, unknown>> } {
  const lines: Array<Record<string, unknown>> = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  return { log: new RoutingLog(pino({ level }, sink), LogConfigSchema.parse({ level })), lines };
}

describe('RoutingLog', () => {
  it('at info, writes one SMART_ROUTING: Selected and one Cache hit summary with the counts per provider, and no line per request', () => {
    const { log, lines } = routingLog('info');
    log.selected('binance', 'price', { symbol: 'BTC' });
    log.selected('binance', 'price', { symbol: 'ETH' });
    log.selected('kraken', 'ticker', { symbol: 'BTC' });
    log.selected('coingecko', 'price', { symbols: 40 }, 40);
    log.cacheHit('binance', 'price', 'BTC');
    log.cacheHit('kraken', 'ticker', 'BTC');
    expect(lines, 'nothing before the summary').to.deep.equal([]);
    log.flush();
    expect(lines.map((line) => line.msg)).to.deep.equal(['SMART_ROUTING: Selected (summary)', 'Cache hit (summary)']);
    expect(lines[0]!.providers).to.deep.equal({ binance: { price: 2 }, kraken: { ticker: 1 }, coingecko: { price: 40 } });
    expect(lines[1]!.providers).to.deep.equal({ binance: { price: 1 }, kraken: { ticker: 1 } });
    log.flush();
    expect(lines, 'a quiet window writes nothing').to.have.length(2);
  });

  it('at debug, also writes each selection and cache hit', () => {
    const { log, lines } = routingLog('debug');
    log.selected('binance', 'price', { symbol: 'BTC', reason: 'weighted rotation' });
    log.cacheHit('binance', 'price', 'BTC');
    expect(lines.map((line) => line.msg)).to.deep.equal(['SMART_ROUTING: Selected binance', 'Cache hit']);
    expect(lines[0]).to.include({ provider: 'binance', capability: 'price', symbol: 'BTC', reason: 'weighted rotation' });
  });

  it('writes what is left when the app stops', () => {
    const { log, lines } = routingLog('info');
    log.onStart();
    log.cacheHit('gemini', 'price', 'SOL');
    log.onStop();
    expect(lines.map((line) => line.msg)).to.deep.equal(['Cache hit (summary)']);
  });

  it('counts through a kept cache-hit recorder as through selected and cacheHit, and each summary only what came since the last', () => {
    const { log, lines } = routingLog('info');
    const binance = log.cacheHitRecorder('binance', 'price');
    const kraken = log.cacheHitRecorder('kraken', 'ticker');
    binance('BTC');
    binance('ETH');
    kraken('BTC');
    log.flush();
    expect(lines.map((line) => line.providers)).to.deep.equal([
      { binance: { price: 2 }, kraken: { ticker: 1 } },
      { binance: { price: 2 }, kraken: { ticker: 1 } },
    ]);
    binance('BTC');
    log.flush();
    expect(lines.slice(2).map((line) => line.providers), 'kraken, quiet since, is left out; the kept recorder still counts').to.deep.equal([{ binance: { price: 1 } }, { binance: { price: 1 } }]);
    log.flush();
    expect(lines, 'a quiet window writes nothing').to.have.length(4);
  });

  it('at debug, a cache-hit recorder writes the selection and the cache hit lines too', () => {
    const { log, lines } = routingLog('debug');
    log.cacheHitRecorder('binance', 'price')('BTC');
    expect(lines.map((line) => line.msg)).to.deep.equal(['SMART_ROUTING: Selected binance', 'Cache hit']);
    expect(lines[1]).to.include({ provider: 'binance', capability: 'price', symbol: 'BTC' });
  });
});
