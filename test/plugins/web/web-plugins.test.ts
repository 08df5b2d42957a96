import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { buildWebComponents } from '../../../scripts/build-web-components.js';
import { startTestApp, type TestApp } from '../../helpers/test-app.js';

const ALLOWED_ORIGIN = 'http://embedding.example';

describe('status-drawer and dashboard plugins', () => {
  let gateway: TestApp;

  before(async () => {
    await buildWebComponents();
    gateway = await startTestApp({
      config: {
        server: { corsOrigins: [ALLOWED_ORIGIN] },
        plugins: ['status-drawer', { name: 'dashboard', options: { symbols: ['BTC', 'ETH'], chartSymbol: 'ETH', chartInterval: '4h' } }],
      },
    });
  });

  after(() => gateway?.stop());

  it('serves the <status-drawer> bundle as JavaScript with an ETag and revalidating cache headers', async () => {
    const response = await fetch(`${gateway.baseUrl}/components/status-drawer.js`);
    expect(response.status).to.equal(200);
    expect(response.headers.get('content-type')).to.equal('text/javascript; charset=utf-8');
    expect(response.headers.get('cache-control')).to.equal('public, no-cache');
    expect(response.headers.get('etag')).to.match(/^"[A-Za-z0-9_-]{27}"$/);
    const body = await response.text();
    expect(body).to.equal(readFileSync('web-components/dist/status-drawer.js', 'utf8'));
    expect(body).to.include('customElements.define("status-drawer"');
    expect(body, 'one module with Lit inside: no bare imports left').to.not.match(/^import[^;]*from\s*["']lit/m);
  });

  it('answers 304 without a body when If-None-Match names the current ETag, 200 for another', async () => {
    const etag = (await fetch(`${gateway.baseUrl}/components/status-drawer.js`)).headers.get('etag')!;
    const unchanged = await fetch(`${gateway.baseUrl}/components/status-drawer.js`, { headers: { 'if-none-match': etag } });
    expect(unchanged.status).to.equal(304);
    expect(unchanged.headers.get('etag')).to.equal(etag);
    expect(await unchanged.text()).to.equal('');
    const stale = await fetch(`${gateway.baseUrl}/components/status-drawer.js`, { headers: { 'if-none-match': '"something-else"' } });
    expect(stale.status).to.equal(200);
  });

  it('lets an origin on the CORS allowlist load the module, and no other', async () => {
    const allowed = await fetch(`${gateway.baseUrl}/components/status-drawer.js`, { headers: { origin: ALLOWED_ORIGIN } });
    expect(allowed.headers.get('access-control-allow-origin')).to.equal(ALLOWED_ORIGIN);
    expect(allowed.headers.get('cross-origin-resource-policy')).to.equal('cross-origin');
    const other = await fetch(`${gateway.baseUrl}/components/status-drawer.js`, { headers: { origin: 'http://elsewhere.example' } });
    expect(other.headers.get('access-control-allow-origin')).to.equal(null);
  });

  it('serves the custom-elements manifest generated from the class JSDoc', async () => {
    const response = await fetch(`${gateway.baseUrl}/components/custom-elements.json`);
    expect(response.status).to.equal(200);
    expect(response.headers.get('content-type')).to.equal('application/json; charset=utf-8');
    expect(response.headers.get('etag')).to.be.a('string');
    const manifest = (await response.json()) as { modules: { declarations?: { tagName?: string; attributes?: { name: string }[]; events?: { name: string }[]; cssParts?: { name: string }[]; cssProperties?: { name: string }[] }[] }[] };
    const drawer = manifest.modules.flatMap((module) => module.declarations ?? []).find((declaration) => declaration.tagName === 'status-drawer');
    expect(drawer, 'the status-drawer declaration').to.not.equal(undefined);
    expect(drawer!.attributes!.map((attribute) => attribute.name)).to.include.members(['endpoint', 'socket-url', 'poll-interval', 'max-retry-delay', 'open', 'theme']);
    expect(drawer!.events!.map((event) => event.name)).to.deep.equal(['status-drawer-toggle', 'status-drawer-refresh']);
    expect(drawer!.cssParts!.map((part) => part.name)).to.include.members(['toggle', 'drawer', 'section', 'section-header', 'badge']);
    expect(drawer!.cssProperties!.map((property) => property.name)).to.include.members(['--status-drawer-width', '--status-drawer-background', '--status-drawer-duration']);
  });

  it('serves the dashboard at / as HTML with the configured symbols, its bundle, and no inline script', async () => {
    const response = await fetch(`${gateway.baseUrl}/`);
    expect(response.status).to.equal(200);
    expect(response.headers.get('content-type')).to.equal('text/html; charset=utf-8');
    expect(response.headers.get('etag')).to.be.a('string');
    const html = await response.text();
    expect(html).to.include('<price-board symbols="BTC,ETH">');
    expect(html).to.include('<candle-chart symbol="ETH" interval="4h"');
    expect(html).to.include('<fear-greed-gauge>');
    expect(html).to.include('<status-drawer endpoint="/api/system/status">');
    expect(html).to.include('<script type="module" src="/components/status-drawer.js">');
    expect(html.match(/<script(?![^>]*\bsrc=)[^>]*>/g), 'inline scripts').to.equal(null);
    const bundle = await fetch(`${gateway.baseUrl}/components/dashboard.js`);
    expect(bundle.headers.get('content-type')).to.equal('text/javascript; charset=utf-8');
    expect(await bundle.text()).to.include('customElements');
    const revalidated = await fetch(`${gateway.baseUrl}/`, { headers: { 'if-none-match': response.headers.get('etag')! } });
    expect(revalidated.status).to.equal(304);
  });
});

describe('dashboard plugin options', () => {
  it('refuses a bad symbol, naming the field', async () => {
    try {
      await startTestApp({ config: { plugins: [{ name: 'dashboard', options: { symbols: ['btc!'] } }] } });
      expect.fail('the app started');
    } catch (error) {
      expect((error as Error).message).to.match(/plugins\[0\]\.options\.symbols\[0\]/);
    }
  });
});
