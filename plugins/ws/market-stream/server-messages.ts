import type { PriceUpdate } from './price-update.js';

/** `{"type":"price",...}`: a price update; `sentAt` (ms since epoch) is when the server sent it. */
export interface PriceMessage extends PriceUpdate {
  type: 'price';
  sentAt: number;
}

/** Codes of `{"type":"error"}` frames: protocol mistakes, limits, and the router's own codes (`unavailable` when nothing can answer). */
export type StreamErrorCode = 'invalid_json' | 'invalid_message' | 'unknown_type' | 'unknown_symbol' | 'too_many_symbols' | 'rate_limited' | 'frame_too_big' | (string & {});

/** The text of a price frame, serialized once for every subscriber. */
export function priceFrame(update: PriceUpdate, sentAt: number): string {
  const message: PriceMessage = { type: 'price', symbol: update.symbol, price: update.price, source: update.source, timestamp: update.timestamp, cached: update.cached, ...(update.stale ? { stale: true as const } : {}), sentAt };
  return JSON.stringify(message);
}

/** The text of a status frame: exactly the body of `GET /api/system/status` under `status`. */
export function statusFrame(status: unknown): string {
  return JSON.stringify({ type: 'status', status });
}

/** The text of an error frame; `symbol` names the symbol it is about, when it is about one. */
export function errorFrame(code: StreamErrorCode, message: string, symbol?: string): string {
  return JSON.stringify({ type: 'error', code, message, ...(symbol === undefined ? {} : { symbol }) });
}

/** `{"type":"subscribed"|"unsubscribed","symbols":[...]}`. */
export function symbolsAckFrame(type: 'subscribed' | 'unsubscribed', symbols: readonly string[]): string {
  return JSON.stringify({ type, symbols });
}

/** `{"type":"subscribed"|"unsubscribed","channel":"status"}`. */
export function channelAckFrame(type: 'subscribed' | 'unsubscribed', channel: 'status'): string {
  return JSON.stringify({ type, channel });
}

/** `{"type":"pong"}`. */
export const PONG_FRAME = JSON.stringify({ type: 'pong' });
