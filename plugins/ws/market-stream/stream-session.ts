import type { RawData } from 'ws';
import type { Clock } from '../../../core/index.js';
import { isClientMessageError, parseClientMessage, type ClientMessage } from './client-message.js';
import { CloseCode } from './close-reason.js';
import { sendTo } from './broadcast.js';
import type { MarketStreamConfig } from './market-stream-config.js';
import type { MarketStreamMetrics, SentType } from './market-stream-metrics.js';
import { MessageRateLimiter } from './message-rate-limiter.js';
import type { PriceSubscriptions } from './price-subscriptions.js';
import { channelAckFrame, errorFrame, PONG_FRAME, symbolsAckFrame } from './server-messages.js';
import type { StatusChannel } from './status-channel.js';
import type { StreamSocket } from './stream-socket.js';

/** What a session needs: the shared channels, the limits and the metrics. */
export interface StreamSessionDeps {
  prices: PriceSubscriptions;
  status: StatusChannel;
  config: MarketStreamConfig;
  metrics: MarketStreamMetrics;
  clock: Clock;
}

/**
 * The protocol of one `/ws/market` socket: decodes each client message within the limits (frame
 * size 1009, message rate 1008), answers with an ack, a pong or an error frame, and holds the
 * socket's subscriptions until `dispose`, which leaves none behind.
 */
export class StreamSession {
  private readonly symbols = new Set<string>();
  private onStatus = false;
  private readonly limiter: MessageRateLimiter;

  constructor(
    readonly socket: StreamSocket,
    private readonly deps: StreamSessionDeps,
  ) {
    this.limiter = new MessageRateLimiter(deps.config.maxMessagesPerSecond, deps.clock);
  }

  receive(data: RawData, isBinary: boolean): void {
    this.socket.alive = true;
    const { config } = this.deps;
    const bytes = bytesOf(data);
    if (bytes.length > config.maxFrameBytes) {
      this.refuse('frame_too_big', `message of ${bytes.length} bytes is over the limit of ${config.maxFrameBytes}`);
      this.socket.close(CloseCode.messageTooBig, `message over ${config.maxFrameBytes} bytes`, 'frame_too_big');
      return;
    }
    if (!this.limiter.take()) {
      this.refuse('rate_limited', `more than ${config.maxMessagesPerSecond} messages per second`);
      this.socket.close(CloseCode.policyViolation, `more than ${config.maxMessagesPerSecond} messages per second`, 'rate_limited');
      return;
    }
    if (isBinary) {
      this.refuse('invalid_message', 'binary frames are not part of the protocol: send JSON text');
      return;
    }
    const message = parseClientMessage(bytes.toString('utf8'));
    if (isClientMessageError(message)) {
      this.refuse(message.code, message.message);
      return;
    }
    this.deps.metrics.received.inc({ type: message.type });
    this.handle(message);
  }

  /** Drops every subscription of the socket. Idempotent. */
  dispose(): void {
    for (const symbol of this.symbols) this.deps.prices.remove(symbol, this.socket);
    this.symbols.clear();
    if (this.onStatus) this.deps.status.remove(this.socket);
    this.onStatus = false;
  }

  private handle(message: ClientMessage): void {
    if (message.type === 'ping') this.send(PONG_FRAME, 'pong');
    else if ('channel' in message) this.statusChannel(message.type);
    else if (message.type === 'subscribe') this.subscribe(message.symbols);
    else this.unsubscribe(message.symbols);
  }

  private subscribe(requested: readonly string[]): void {
    const { prices, config } = this.deps;
    const known = requested.filter((symbol) => {
      if (prices.knows(symbol)) return true;
      this.send(errorFrame('unknown_symbol', `Unknown symbol ${symbol}: no enabled provider lists it for price`, symbol), 'error');
      return false;
    });
    const added = known.filter((symbol) => !this.symbols.has(symbol));
    if (this.symbols.size + added.length > config.maxSymbolsPerConnection) {
      this.send(errorFrame('too_many_symbols', `at most ${config.maxSymbolsPerConnection} symbols per connection: subscribed to ${this.symbols.size}, asked for ${added.length} more; nothing changed`), 'error');
      return;
    }
    if (known.length === 0) return;
    this.send(symbolsAckFrame('subscribed', known), 'ack');
    for (const symbol of added) {
      this.symbols.add(symbol);
      prices.add(symbol, this.socket);
    }
  }

  private unsubscribe(symbols: readonly string[]): void {
    for (const symbol of symbols) {
      if (this.symbols.delete(symbol)) this.deps.prices.remove(symbol, this.socket);
    }
    this.send(symbolsAckFrame('unsubscribed', symbols), 'ack');
  }

  private statusChannel(action: 'subscribe' | 'unsubscribe'): void {
    if (action === 'subscribe') {
      this.send(channelAckFrame('subscribed', 'status'), 'ack');
      this.onStatus = true;
      this.deps.status.add(this.socket);
    } else {
      this.onStatus = false;
      this.deps.status.remove(this.socket);
      this.send(channelAckFrame('unsubscribed', 'status'), 'ack');
    }
  }

  /** Answers a message that is no protocol message (counted as `invalid`) with an error frame. */
  private refuse(code: string, message: string): void {
    this.deps.metrics.received.inc({ type: 'invalid' });
    this.send(errorFrame(code, message), 'error');
  }

  private send(text: string, type: SentType): void {
    sendTo(this.socket, text, type, this.deps.metrics);
  }
}

/** The bytes of a message, whichever form ws hands it in. */
function bytesOf(data: RawData): Buffer {
  if (Buffer.isBuffer(data)) return data;
  return Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data);
}
