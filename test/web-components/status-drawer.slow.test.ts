import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { buildWebComponents } from '../../scripts/build-web-components.js';
import { createSimulatedGateway, type SimulatedGateway } from '../../simulator/simulated-gateway.js';
import { EMBED_PAGE_PATH } from '../fixtures/plugins/embed-page-plugin.js';
import { artifactPath, CHROMIUM_PATH, chromiumAvailable, launchChromium } from '../helpers/headless-chromium.js';
import { startOtherOriginServer, type OtherOriginServer } from '../helpers/other-origin-server.js';

/** What an upstream error carries in the XSS test: markup that would run if it were ever parsed as HTML. */
const XSS_MESSAGE = '<img src=x onerror="window.__xss = true">';

const SECTION_TITLES = ['All Providers', 'AI Models', 'Infrastructure', 'Resource Breakdown', 'Recent Errors', 'Performance'];

/** The demo's config, quieter, with faster stream pushes, the embedding fixture and the other origin on the CORS allowlist. */
function gatewayConfig(otherOrigin: string): Record<string, unknown> {
  const demo = JSON.parse(readFileSync('config/demo.json', 'utf8')) as { plugins: unknown[] } & Record<string, unknown>;
  const plugins = demo.plugins.map((entry) => (entry === 'market-stream' ? { name: 'market-stream', options: { statusIntervalMs: 500, pollIntervalMs: 500 } } : entry));
  return {
    ...demo,
    log: { level: 'silent' },
    server: { corsOrigins: [otherOrigin] },
    plugins: [...plugins, { path: 'test/fixtures/plugins/embed-page-plugin.ts' }],
  };
}

/** A page embedding the drawer from the gateway's origin; query `socket`, `poll` and `retry` become its attributes. */
function otherOriginPage(gatewayUrl: string, url: URL): string {
  const attributes = [`endpoint="${gatewayUrl}/api/system/status"`];
  for (const [query, attribute] of [['socket', 'socket-url'], ['poll', 'poll-interval'], ['retry', 'max-retry-delay']] as const) {
    const value = url.searchParams.get(query);
    if (value !== null) attributes.push(`${attribute}="${value.replace(/[^a-z0-9]/gi, '')}"`);
  }
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Other origin</title>
<script type="module" src="${gatewayUrl}/components/status-drawer.js"></script></head>
<body><h1>Another origin</h1><status-drawer ${attributes.join(' ')}></status-drawer></body></html>`;
}

async function openDrawer(page: Page): Promise<void> {
  await page.locator('status-drawer .toggle').click();
  await page.locator('status-drawer .drawer').waitFor({ state: 'visible' });
}

async function waitForSections(page: Page): Promise<void> {
  await page.locator('status-drawer section[data-section="performance"]').waitFor({ state: 'attached', timeout: 15_000 });
}

/** The text of one section's content (shadow DOM is pierced by Playwright's CSS locators). */
function sectionText(page: Page, key: string): Promise<string> {
  return page.locator(`status-drawer section[data-section="${key}"] .section-content`).innerText();
}

async function priceRequests(gatewayUrl: string, symbols: readonly string[]): Promise<void> {
  for (const symbol of symbols) await fetch(`${gatewayUrl}/api/market/price?symbol=${symbol}`);
}

describe('<status-drawer> in headless Chromium', function () {
  this.timeout(120_000);
  let gateway: SimulatedGateway;
  let gatewayUrl: string;
  let other: OtherOriginServer;
  let browser: Browser;

  before(async function () {
    if (!chromiumAvailable()) {
      console.log(`      skipped: ${CHROMIUM_PATH} is missing (apt-get install -y chromium); .ci/run installs it`);
      this.skip();
    }
    await buildWebComponents();
    let url = '';
    other = await startOtherOriginServer((requested) => otherOriginPage(url, requested));
    gateway = await createSimulatedGateway({ config: gatewayConfig(other.origin), port: 0 });
    gatewayUrl = url = await gateway.start();
    await priceRequests(gatewayUrl, ['BTC', 'ETH', 'SOL']);
    browser = await launchChromium();
  });

  after(async () => {
    await browser?.close();
    await gateway?.stop();
    await other?.close();
  });

  let page: Page;
  const pageErrors: string[] = [];
  beforeEach(async () => {
    pageErrors.length = 0;
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on('pageerror', (error) => pageErrors.push(error.message));
  });
  afterEach(async function () {
    if (this.currentTest?.state === 'failed') await page.screenshot({ path: artifactPath(`failed-${this.currentTest.title.replace(/\W+/g, '-')}.png`) });
    await page.close();
    expect(pageErrors, 'uncaught errors in the page').to.deep.equal([]);
  });

  it('opens and closes by click and by Escape, with aria-expanded, focus and status-drawer-toggle events', async () => {
    await page.goto(`${gatewayUrl}${EMBED_PAGE_PATH}`);
    await page.evaluate(() => {
      const events: boolean[] = [];
      (window as unknown as { toggles: boolean[] }).toggles = events;
      document.addEventListener('status-drawer-toggle', (event) => events.push((event as CustomEvent<{ open: boolean }>).detail.open));
    });
    const toggle = page.locator('status-drawer .toggle');
    expect(await toggle.getAttribute('aria-label')).to.equal('System status');
    expect(await toggle.getAttribute('aria-controls')).to.equal('drawer');
    expect(await toggle.getAttribute('aria-expanded')).to.equal('false');
    expect(await page.locator('status-drawer .drawer').isVisible()).to.equal(false);

    await openDrawer(page);
    expect(await toggle.getAttribute('aria-expanded')).to.equal('true');
    expect(await page.locator('status-drawer').getAttribute('open')).to.equal('');
    expect(await page.evaluate(() => document.querySelector('status-drawer')!.shadowRoot!.activeElement?.id)).to.equal('drawer');

    await page.locator('status-drawer .close-button, status-drawer [part="close-button"]').first().click();
    await page.locator('status-drawer .drawer').waitFor({ state: 'hidden' });
    expect(await toggle.getAttribute('aria-expanded')).to.equal('false');
    expect(await page.evaluate(() => document.querySelector('status-drawer')!.shadowRoot!.activeElement?.classList.contains('toggle'))).to.equal(true);

    await openDrawer(page);
    await page.keyboard.press('Escape');
    await page.locator('status-drawer .drawer').waitFor({ state: 'hidden' });
    expect(await toggle.getAttribute('aria-expanded')).to.equal('false');
    expect(await page.evaluate(() => document.querySelector('status-drawer')!.shadowRoot!.activeElement?.classList.contains('toggle'))).to.equal(true);
    expect(await page.evaluate(() => (window as unknown as { toggles: boolean[] }).toggles)).to.deep.equal([true, false, true, false]);
  });

  it('shows the six sections with the real status of the gateway', async () => {
    await page.goto(`${gatewayUrl}${EMBED_PAGE_PATH}`);
    await openDrawer(page);
    await waitForSections(page);
    const titles = await page.locator('status-drawer .section-name').allInnerTexts();
    expect(titles).to.deep.equal(SECTION_TITLES);

    const status = (await (await fetch(`${gatewayUrl}/api/system/status`)).json()) as { providers_detailed: { id: string; name: string }[] };
    const providers = await page.locator('status-drawer li.provider').evaluateAll((items) => items.map((item) => (item as HTMLElement).dataset.provider));
    expect(providers).to.deep.equal(status.providers_detailed.map((provider) => provider.id));
    const binance = page.locator('status-drawer li.provider[data-provider="binance"]');
    expect(await binance.locator('.name').innerText()).to.equal('Binance');
    expect(await binance.locator('.badge').innerText()).to.match(/Online|Degraded|Cached/);
    expect(await binance.locator('.share .bar').getAttribute('aria-label')).to.match(/^traffic share \d+(\.\d)? %$/);
    expect(await binance.locator('.figures').innerText()).to.match(/avg \d+(\.\d)? ms/);

    expect(await sectionText(page, 'ai_models')).to.include('crypto-sentiment-linear (default)');
    await page.locator('status-drawer li.model[data-model="crypto-sentiment-linear"][data-state="loaded"]').waitFor({ timeout: 20_000 });
    await page.locator('status-drawer').evaluate((element) => (element as HTMLElement & { refresh(): Promise<void> }).refresh());
    expect(await page.locator('status-drawer li.model[data-model="crypto-sentiment-linear"] .state').innerText()).to.match(/^● Loaded \(CPU mode\)/);

    const infrastructure = await sectionText(page, 'infrastructure');
    expect(infrastructure).to.include(process.version);
    expect(infrastructure).to.match(/Memory \(RSS\)\s+\d+(\.\d)? (MB|GB)/);
    expect(await sectionText(page, 'resource_breakdown')).to.match(/price\s+\d+/);
    expect(await sectionText(page, 'recent_errors')).to.be.a('string');
    const performance = await sectionText(page, 'performance');
    expect(performance).to.match(/p95\s+(\d+(\.\d)? ms|–)/);
    expect(performance).to.match(/Cache hit rate\s+(\d+(\.\d)? %|–)/);
    await page.screenshot({ path: artifactPath('drawer-embedded.png') });
  });

  it('collapses and expands sections by click and from the keyboard', async () => {
    await page.goto(`${gatewayUrl}${EMBED_PAGE_PATH}`);
    await openDrawer(page);
    await waitForSections(page);
    const header = page.locator('status-drawer section[data-section="infrastructure"] .section-header');
    const body = page.locator('status-drawer #section-infrastructure');
    expect(await header.getAttribute('aria-expanded')).to.equal('true');
    expect(await header.getAttribute('aria-controls')).to.equal('section-infrastructure');
    await header.click();
    expect(await header.getAttribute('aria-expanded')).to.equal('false');
    await body.locator('dl').waitFor({ state: 'hidden' });
    expect(await body.evaluate((element) => element.hasAttribute('inert'))).to.equal(true);
    await header.click();
    expect(await header.getAttribute('aria-expanded')).to.equal('true');
    await body.locator('dl').waitFor({ state: 'visible' });

    await header.focus();
    await page.keyboard.press('Enter');
    expect(await header.getAttribute('aria-expanded')).to.equal('false');
    await page.keyboard.press('Space');
    expect(await header.getAttribute('aria-expanded')).to.equal('true');
    expect(await page.locator('status-drawer section[data-section="performance"] .section-header').getAttribute('aria-expanded')).to.equal('true');
  });

  it('fetches again on refresh and fires status-drawer-refresh', async () => {
    await page.goto(`${other.origin}/page.html?socket=none&poll=60000`);
    await openDrawer(page);
    await waitForSections(page);
    let fetches = 0;
    page.on('request', (request) => {
      if (request.url().endsWith('/api/system/status')) fetches += 1;
    });
    await page.evaluate(() => {
      document.addEventListener('status-drawer-refresh', (event) => ((window as unknown as { trigger: string }).trigger = (event as CustomEvent<{ trigger: string }>).detail.trigger));
    });
    const before = await page.locator('status-drawer').evaluate((element) => (element as HTMLElement & { status: { generated_at: string } }).status.generated_at);
    await priceRequests(gatewayUrl, ['XRP']);
    await page.locator('status-drawer [part="refresh-button"]').click();
    await page.waitForFunction((previous) => document.querySelector('status-drawer')!.status?.generated_at !== previous, before);
    expect(fetches).to.equal(1);
    expect(await page.evaluate(() => (window as unknown as { trigger: string }).trigger)).to.equal('button');
    expect(await page.locator('status-drawer .updated').innerText()).to.match(/polling/);
  });

  it('shows the error state while the endpoint is down, backs off, and recovers', async () => {
    await page.goto(`${other.origin}/page.html?socket=none&poll=300&retry=1200`);
    await openDrawer(page);
    await waitForSections(page);
    let refused = 0;
    await page.route('**/api/system/status', (route) => {
      refused += 1;
      return route.abort('connectionrefused');
    });
    const alert = page.locator('status-drawer [role="alert"]');
    await alert.waitFor({ timeout: 10_000 });
    expect(await alert.innerText()).to.match(/Status endpoint unavailable\.[\s\S]*cannot be reached[\s\S]*Attempt \d+ failed; retrying in \d+ s/);
    expect(await page.locator('status-drawer .toggle').innerText()).to.include('Status endpoint unreachable');
    await page.waitForFunction(() => /Attempt [3-9]\d* failed|Attempt \d{2,} failed/.test(document.querySelector('status-drawer')!.shadowRoot!.querySelector('[role="alert"]')?.textContent ?? ''), undefined, { timeout: 15_000 });
    const attempts = Number(/Attempt (\d+)/.exec(await alert.innerText())![1]);
    expect(refused).to.be.at.least(attempts);
    expect(await page.locator('status-drawer section[data-section="providers_detailed"]').count(), 'the last status stays shown').to.equal(1);
    await page.screenshot({ path: artifactPath('drawer-endpoint-down.png') });

    await page.unroute('**/api/system/status');
    await alert.waitFor({ state: 'detached', timeout: 10_000 });
    expect(await page.locator('status-drawer .updated').innerText()).to.match(/Updated (just now|\d+ s ago)/);
  });

  it('shows an error state from the first load when the endpoint never answers, then loads', async () => {
    await page.route('**/api/system/status', (route) => route.fulfill({ status: 503, contentType: 'application/json', body: JSON.stringify({ error: { code: 'unavailable', message: 'maintenance' } }) }));
    await page.goto(`${other.origin}/page.html?socket=none&poll=300&retry=600`);
    await openDrawer(page);
    const alert = page.locator('status-drawer [role="alert"]');
    await alert.waitFor({ timeout: 10_000 });
    expect(await alert.innerText()).to.include('HTTP 503: maintenance');
    expect(await page.locator('status-drawer section').count()).to.equal(0);
    await page.unroute('**/api/system/status');
    await waitForSections(page);
    expect(await alert.count()).to.equal(0);
  });

  it('works embedded in a plain page on another path: no style leaks either way, themed by custom property and part', async () => {
    await page.goto(`${gatewayUrl}${EMBED_PAGE_PATH}`);
    await openDrawer(page);
    await waitForSections(page);
    const toggleStyle = await page.locator('status-drawer .toggle').evaluate((element) => ({ background: getComputedStyle(element).backgroundColor, radius: getComputedStyle(element).borderRadius, position: getComputedStyle(element).position }));
    expect(toggleStyle.background).to.not.equal('rgb(255, 0, 0)');
    expect(toggleStyle.radius).to.equal('50%');
    expect(toggleStyle.position).to.equal('fixed');
    const probe = await page.locator('button.probe').evaluate((element) => ({ position: getComputedStyle(element).position, background: getComputedStyle(element).backgroundColor }));
    expect(probe).to.deep.equal({ position: 'static', background: 'rgb(255, 0, 0)' });
    expect(await page.locator('p.probe-text').evaluate((element) => getComputedStyle(element).position)).to.equal('static');
    expect(await page.locator('status-drawer .drawer').evaluate((element) => Math.round(element.getBoundingClientRect().width))).to.equal(360);
    expect(await page.locator('status-drawer [part="refresh-button"]').evaluate((element) => getComputedStyle(element).backgroundColor)).to.equal('rgb(1, 2, 3)');
  });

  it('follows prefers-color-scheme and prefers-reduced-motion', async () => {
    await page.emulateMedia({ colorScheme: 'dark', reducedMotion: 'reduce' });
    await page.goto(`${gatewayUrl}${EMBED_PAGE_PATH}`);
    const drawer = page.locator('status-drawer .drawer');
    expect(await drawer.evaluate((element) => getComputedStyle(element).backgroundColor)).to.equal('rgb(13, 17, 23)');
    expect(await drawer.evaluate((element) => getComputedStyle(element).transitionDuration)).to.match(/^0s(, 0s)*$/);
    await page.emulateMedia({ colorScheme: 'light', reducedMotion: 'no-preference' });
    expect(await drawer.evaluate((element) => getComputedStyle(element).backgroundColor)).to.equal('rgb(255, 255, 255)');
    expect(await drawer.evaluate((element) => getComputedStyle(element).transitionDuration)).to.not.match(/^0s(, 0s)*$/);
  });

  it('takes the theme attribute over the system preference', async () => {
    await page.goto(`${gatewayUrl}${EMBED_PAGE_PATH}`);
    const drawer = page.locator('status-drawer .drawer');
    const setTheme = (theme: string): Promise<void> => page.locator('status-drawer').evaluate((element, value) => element.setAttribute('theme', value), theme);
    await page.emulateMedia({ colorScheme: 'light' });
    await setTheme('dark');
    expect(await drawer.evaluate((element) => getComputedStyle(element).backgroundColor)).to.equal('rgb(13, 17, 23)');
    await page.emulateMedia({ colorScheme: 'dark' });
    await setTheme('light');
    expect(await drawer.evaluate((element) => getComputedStyle(element).backgroundColor)).to.equal('rgb(255, 255, 255)');
    await page.emulateMedia({ colorScheme: 'light' });
  });

  it('works embedded in a page of another origin that the gateway\'s CORS allows', async () => {
    const failed: string[] = [];
    page.on('requestfailed', (request) => failed.push(request.url()));
    await page.goto(`${other.origin}/page.html`);
    await openDrawer(page);
    await waitForSections(page);
    expect(await page.locator('status-drawer li.provider').count()).to.be.greaterThan(5);
    await page.waitForFunction(() => document.querySelector('status-drawer')!.transport === 'socket', undefined, { timeout: 15_000 });
    expect(failed).to.deep.equal([]);
  });

  it('receives live updates over the WebSocket status channel, without polling', async () => {
    await page.goto(`${gatewayUrl}${EMBED_PAGE_PATH}`);
    await openDrawer(page);
    await page.waitForFunction(() => document.querySelector('status-drawer')!.transport === 'socket', undefined, { timeout: 15_000 });
    let polls = 0;
    page.on('request', (request) => {
      if (request.url().endsWith('/api/system/status')) polls += 1;
    });
    const seen = new Set<string>();
    for (let round = 0; round < 60 && seen.size < 3; round += 1) {
      seen.add(await page.locator('status-drawer').evaluate((element) => (element as HTMLElement & { status: { generated_at: string } }).status.generated_at));
      await page.waitForTimeout(250);
    }
    expect(seen.size, 'distinct statuses pushed').to.be.at.least(3);
    expect(polls, 'polls while the socket delivers').to.equal(0);
    expect(await page.locator('status-drawer .updated').innerText()).to.match(/· live$/);
    expect(await sectionText(page, 'infrastructure')).to.match(/WebSocket clients\s+[1-9]/);
  });

  it('falls back to polling when the socket is refused', async () => {
    await page.routeWebSocket(/\/ws\/market$/, (socket) => socket.close({ code: 1011, reason: 'refused by the test' }));
    await page.goto(`${gatewayUrl}${EMBED_PAGE_PATH}`);
    await openDrawer(page);
    await waitForSections(page);
    expect(await page.locator('status-drawer').evaluate((element) => (element as HTMLElement & { transport: string }).transport)).to.equal('polling');
    expect(await page.locator('status-drawer .updated').innerText()).to.match(/· polling$/);
  });

  it('serves the dashboard: price board updating live, candle chart, Fear & Greed gauge and the drawer over it', async () => {
    await page.goto(`${gatewayUrl}/`);
    const board = page.locator('price-board');
    await page.waitForFunction(() => document.querySelector('price-board')!.shadowRoot!.querySelectorAll('tr[data-price]').length === 5, undefined, { timeout: 20_000 });
    const first = await board.locator('tr[data-symbol]').evaluateAll((rows) => rows.map((row) => (row as HTMLElement).dataset.price));
    expect(await board.locator('tr[data-symbol] th').allInnerTexts()).to.deep.equal(['BTC', 'ETH', 'SOL', 'XRP', 'DOGE']);
    expect(await board.locator('tr[data-symbol="BTC"] td').nth(1).innerText()).to.match(/^(Binance|Coinbase|Kraken|Bitstamp|Gemini|CryptoCompare|CoinCap|CoinGecko|Demo Exchange \(http-json\))/);
    expect(await board.locator('tr[data-symbol="BTC"] .age').innerText()).to.match(/^\d+ s$/);
    await page.waitForFunction(
      (initial) => {
        const rows = [...document.querySelector('price-board')!.shadowRoot!.querySelectorAll<HTMLElement>('tr[data-symbol]')];
        return rows.some((row, index) => row.dataset.price !== initial[index] && /[▲▼]/.test(row.querySelector('.price')?.textContent ?? ''));
      },
      first,
      { timeout: 60_000 },
    );
    expect(await board.locator('.via').innerText()).to.equal('Live over the market stream');

    await page.locator('candle-chart g.candle').first().waitFor({ state: 'attached', timeout: 20_000 });
    expect(await page.locator('candle-chart g.candle').count()).to.be.greaterThan(10);
    await page.locator('fear-greed-gauge svg').waitFor({ timeout: 20_000 });
    expect(await page.locator('fear-greed-gauge svg').getAttribute('aria-label')).to.match(/^Fear and Greed index \d+ of 100: \w+/);

    await openDrawer(page);
    await waitForSections(page);
    await page.waitForTimeout(400);
    await page.screenshot({ path: artifactPath('dashboard-with-drawer.png') });
  });
  it('says clearly while loading, and when a section is empty or not reported', async () => {
    let answer: (() => Promise<void>) | undefined;
    await page.route('**/api/system/status', (route) => {
      answer = () =>
        route.fulfill({
          status: 200,
          contentType: 'application/json',
          body: JSON.stringify({ generated_at: new Date().toISOString(), providers_detailed: [], ai_models: null, infrastructure: null, resource_breakdown: null, recent_errors: [], performance: null }),
        });
    });
    await page.goto(`${other.origin}/page.html?socket=none&poll=60000`);
    await openDrawer(page);
    const loading = page.locator('status-drawer [role="status"]');
    await loading.waitFor();
    expect(await loading.innerText()).to.include('Loading system status');
    expect(await page.locator('status-drawer .body').getAttribute('aria-busy')).to.equal('true');
    while (answer === undefined) await page.waitForTimeout(50);
    await answer();
    await waitForSections(page);
    expect(await loading.count()).to.equal(0);
    expect(await sectionText(page, 'providers_detailed')).to.equal('No providers are configured.');
    expect(await sectionText(page, 'recent_errors')).to.equal('No errors recorded.');
    for (const key of ['ai_models', 'infrastructure', 'resource_breakdown', 'performance']) expect(await sectionText(page, key), key).to.equal('This gateway does not report this section.');
  });

  it('shows markup in an upstream error message as text and never runs it', async () => {
    gateway.simulator.setFaults({ binance: { errorRate: 1 }, coinbase: { errorRate: 1 }, kraken: { inBodyErrorRate: 1, inBodyErrorMessage: XSS_MESSAGE } });
    try {
      const symbols = ['DOGE', 'ADA', 'DOT', 'LTC', 'LINK', 'AVAX', 'BNB', 'TRX', 'ATOM', 'XLM'];
      for (const symbol of symbols) {
        await priceRequests(gatewayUrl, [symbol]);
        const status = (await (await fetch(`${gatewayUrl}/api/system/status`)).json()) as { recent_errors: { message: string }[] };
        if (status.recent_errors.some((group) => group.message.includes(XSS_MESSAGE))) break;
      }
      await page.goto(`${other.origin}/page.html?socket=none`);
      await openDrawer(page);
      await waitForSections(page);
      const group = page.locator('status-drawer li.error-group[data-provider="kraken"] .message');
      expect(await group.first().innerText()).to.include(XSS_MESSAGE);
      expect(await page.locator('status-drawer li.provider[data-provider="kraken"] .last-error .message').innerText()).to.include(XSS_MESSAGE);
      expect(await page.evaluate(() => document.querySelector('status-drawer')!.shadowRoot!.querySelectorAll('img').length)).to.equal(0);
      await page.waitForTimeout(300);
      expect(await page.evaluate(() => (window as unknown as { __xss?: boolean }).__xss)).to.equal(undefined);
      await page.locator('status-drawer section[data-section="recent_errors"]').screenshot({ path: artifactPath('drawer-recent-errors.png') });
    } finally {
      gateway.simulator.setFaults({ reset: true });
    }
  });
});
