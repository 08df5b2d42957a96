/** Close codes of RFC 6455 §7.4.1 the stream uses. */
export const CloseCode = {
  normal: 1000,
  goingAway: 1001,
  policyViolation: 1008,
  messageTooBig: 1009,
  internalError: 1011,
  tryAgainLater: 1013,
} as const;

/** Why a socket ended, as the `reason` label of `crypto_datasource_ws_disconnections_total`. */
export type DisconnectReason = 'client' | 'heartbeat' | 'rate_limited' | 'frame_too_big' | 'slow_consumer' | 'too_many_connections' | 'shutdown' | 'internal_error';
