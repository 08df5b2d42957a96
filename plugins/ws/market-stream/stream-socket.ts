import { WebSocket } from 'ws';
import type { Clock } from '../../../core/index.js';
import { CloseCode, type DisconnectReason } from './close-reason.js';

/** ws's send options for a text frame, shared by every send. */
const TEXT_FRAME = { binary: false } as const;

/** How long a socket closed for being slow may take to read its close frame before it is cut. */
const SLOW_CLOSE_GRACE_MS = 1_000;

/** The send-buffer policy of one socket. */
export interface SendBufferPolicy {
  /** Bytes queued for the socket beyond which frames are dropped. */
  readonly sendBufferBytes: number;
  /** How long the socket may stay over the limit before it is closed with 1008. */
  readonly slowConsumerTimeoutMs: number;
}

/** What happened to a frame: sent, dropped (buffer full), or not sent because the socket is closing. */
export type SendOutcome = 'sent' | 'dropped' | 'closed';

/**
 * One client socket of the stream with a bounded send buffer: while more than `sendBufferBytes`
 * wait to go out, frames are dropped; a socket that stays over the limit for
 * `slowConsumerTimeoutMs` is closed with 1008 (and cut a second later if it reads nothing), so a
 * slow consumer holds at most about the limit. Also tracks the heartbeat (`alive`) and why it ended.
 */
export class StreamSocket {
  /** False once a heartbeat ping went out; any pong or message sets it again. */
  alive = true;
  /** Why the socket ended, once the server decided (the client's own close leaves it undefined). */
  endReason: DisconnectReason | undefined;
  private overLimitSince: number | undefined;
  private cutTimer: NodeJS.Timeout | undefined;

  constructor(
    readonly socket: WebSocket,
    private readonly policy: SendBufferPolicy,
    private readonly clock: Clock,
  ) {
    socket.once('close', () => clearTimeout(this.cutTimer));
  }

  get open(): boolean {
    return this.socket.readyState === WebSocket.OPEN;
  }

  /** Sends one text frame (encoded once by the caller for every socket), unless the buffer is full. */
  send(frame: Buffer): SendOutcome {
    if (!this.open) return 'closed';
    if (this.socket.bufferedAmount > this.policy.sendBufferBytes) {
      const now = this.clock.now();
      this.overLimitSince ??= now;
      if (now - this.overLimitSince >= this.policy.slowConsumerTimeoutMs) this.closeSlow();
      return 'dropped';
    }
    this.overLimitSince = undefined;
    this.socket.send(frame, TEXT_FRAME);
    return 'sent';
  }

  /** Closes with `code` and a reason the client can read, noting why. */
  close(code: number, reason: string, why: DisconnectReason): void {
    if (this.endReason !== undefined || this.socket.readyState >= WebSocket.CLOSING) return;
    this.endReason = why;
    this.socket.close(code, reason);
  }

  /** Cuts the connection without a close handshake (a dead peer). */
  terminate(why: DisconnectReason): void {
    this.endReason ??= why;
    this.socket.terminate();
  }

  private closeSlow(): void {
    this.close(CloseCode.policyViolation, `slow consumer: more than ${this.policy.sendBufferBytes} bytes waited to be sent for ${this.policy.slowConsumerTimeoutMs} ms`, 'slow_consumer');
    this.cutTimer = setTimeout(() => this.socket.terminate(), SLOW_CLOSE_GRACE_MS);
    this.cutTimer.unref();
  }
}
