import type { DashboardConfig } from './dashboard-config.js';

/**
 * The dashboard's HTML: the price board, a candle chart, the Fear & Greed gauge and the status
 * drawer. No inline script (the gateway's Content-Security-Policy allows scripts from itself only):
 * the elements come from `/components/dashboard.js` and `/components/status-drawer.js`. Every value
 * written into it is a validated ticker or interval.
 */
export function dashboardPage(config: DashboardConfig): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<title>Crypto Datasource</title>
<link rel="icon" href="data:,">
<script type="module" src="/components/dashboard.js"></script>
<script type="module" src="/components/status-drawer.js"></script>
<style>
  :root { color-scheme: light dark; --bg: #f6f8fa; --card: #ffffff; --fg: #1b1f24; --dashboard-muted: #57606a; --dashboard-border: #d0d7de; }
  @media (prefers-color-scheme: dark) {
    :root { --bg: #010409; --card: #0d1117; --fg: #e6edf3; --dashboard-muted: #9198a1; --dashboard-border: #30363d; --dashboard-up: #3fb950; --dashboard-down: #f85149; }
  }
  * { box-sizing: border-box; }
  body { margin: 0; font-family: system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif; background: var(--bg); color: var(--fg); }
  header { padding: 20px 32px 8px; }
  h1 { margin: 0; font-size: 22px; }
  header p { margin: 4px 0 0; color: var(--dashboard-muted); font-size: 14px; }
  main { display: grid; gap: 16px; padding: 16px 32px 32px; grid-template-columns: repeat(auto-fit, minmax(380px, 1fr)); max-width: 1200px; }
  section { background: var(--card); border: 1px solid var(--dashboard-border); border-radius: 8px; padding: 16px; }
  section.wide { grid-column: 1 / -1; }
  h2 { margin: 0 0 12px; font-size: 15px; }
  nav a { color: inherit; margin-right: 12px; font-size: 13px; }
</style>
</head>
<body>
<header>
  <h1>Crypto Datasource</h1>
  <p>Live prices routed across providers by weight, with failover and caching. Open the status drawer on the right for the whole system.</p>
  <nav><a href="/api/system/status">/api/system/status</a><a href="/metrics">/metrics</a><a href="/api/openapi.json">/api/openapi.json</a></nav>
</header>
<main>
  <section aria-labelledby="prices-title">
    <h2 id="prices-title">Prices</h2>
    <price-board symbols="${config.symbols.join(',')}"></price-board>
  </section>
  <section aria-labelledby="fng-title">
    <h2 id="fng-title">Fear &amp; Greed</h2>
    <fear-greed-gauge></fear-greed-gauge>
  </section>
  <section class="wide" aria-labelledby="chart-title">
    <h2 id="chart-title">${config.chartSymbol} · ${config.chartInterval}</h2>
    <candle-chart symbol="${config.chartSymbol}" interval="${config.chartInterval}" limit="48"></candle-chart>
  </section>
</main>
<status-drawer endpoint="/api/system/status"></status-drawer>
</body>
</html>
`;
}
