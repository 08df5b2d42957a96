/** What an upstream answered, once transport failures and rate limits are ruled out. */
export interface UpstreamResponse {
  status: number;
  headers: Headers;
  /** Parsed JSON body. */
  body: unknown;
}
