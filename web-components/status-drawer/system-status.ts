/**
 * What the drawer reads of `GET /api/system/status` (SPEC §6). Every section may be null (nobody
 * contributes it), and every figure the gateway does not know is null.
 */
export interface SystemStatusView {
  generated_at?: string;
  providers_detailed: ProviderView[] | null;
  ai_models: AiModelsView | null;
  infrastructure: InfrastructureView | null;
  resource_breakdown: ResourceBreakdownView | null;
  recent_errors: RecentErrorView[] | null;
  performance: PerformanceView | null;
}

/** A provider's state as the router reports it. */
export type ProviderState = 'online' | 'degraded' | 'rate-limited' | 'cached' | 'circuit-open' | 'blacklisted' | 'disabled' | 'offline';

/** One entry of `providers_detailed`. */
export interface ProviderView {
  id: string;
  name: string;
  priority: number;
  weight: number;
  state: ProviderState;
  disabled_reason: string | null;
  cooldown_until: string | null;
  requests: number;
  successes: number;
  failures: number;
  traffic_share_percent: number;
  upstream_calls: number;
  cache_hits: number;
  avg_response_ms: number | null;
  p95_response_ms: number | null;
  last_error: { type: string; message: string; at: string } | null;
}

/** One model of `ai_models.models`. */
export interface AiModelView {
  id: string;
  default: boolean;
  state: 'not-loaded' | 'loading' | 'loaded' | 'failed' | 'unavailable';
  progress_percent: number | null;
  load_time_ms: number | null;
  failure_reason: string | null;
}

/** The `ai_models` section. */
export interface AiModelsView {
  transformers_loaded: boolean;
  mode: string;
  models_available: string[];
  models: AiModelView[];
}

/** The `infrastructure` section. */
export interface InfrastructureView {
  uptime_seconds: number;
  node_version: string;
  platform: string;
  memory: { rss_bytes: number; heap_used_bytes: number; heap_total_bytes: number };
  cpu: { usage_percent: number | null; cores: number; load_average: number[] };
  cache: { keys: number; hit_rate_percent: number | null };
  websocket_clients: number | null;
}

/** The `resource_breakdown` section. */
export interface ResourceBreakdownView {
  totals: { requests: number; upstream_calls: number; cache_hits: number };
  by_provider: { provider: string; requests: number; upstream_calls: number; upstream_share_percent: number; cache_hits: number }[];
  by_endpoint: { endpoint: string; requests: number; successes: number; failures: number; cache_hits: number; upstream_calls: number }[];
}

/** One group of `recent_errors`. */
export interface RecentErrorView {
  provider: string;
  type: string;
  message: string;
  count: number;
  last_seen: string;
  action: string;
}

/** The `performance` section. */
export interface PerformanceView {
  requests: number;
  server_errors: number;
  requests_per_second: number | null;
  avg_response_ms: number | null;
  p50_response_ms: number | null;
  p95_response_ms: number | null;
  p99_response_ms: number | null;
  cache_hit_rate_percent: number | null;
}

const SECTION_KEYS = ['providers_detailed', 'ai_models', 'infrastructure', 'resource_breakdown', 'recent_errors', 'performance'] as const;

/** Whether a parsed JSON body looks like a system status: an object carrying the six section keys. */
export function isSystemStatus(body: unknown): body is SystemStatusView {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return false;
  return SECTION_KEYS.every((key) => key in body);
}
