/** One price a poller read through the router, as the stream pushes it (`{"type":"price",...}` without `sentAt`). */
export interface PriceUpdate {
  symbol: string;
  price: number;
  /** The provider's name, as REST's `source`. */
  source: string;
  /** Unix seconds of the quote. */
  timestamp: number;
  cached: boolean;
  /** Present (true) when every provider failed and this is the freshest cached price within `router.maxStalenessMs`, as in REST. */
  stale?: true;
}
