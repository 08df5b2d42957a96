import { Router } from '@koa/router';
import { Validator } from '@seriousme/openapi-schema-validator';
import { expect } from 'chai';
import { buildWebComponents } from '../../../../scripts/build-web-components.js';
import { RouteContribution } from '../../../../core/http/route-contribution.js';
import { jsonSchemaValidator } from '../../../helpers/json-schema-validator.js';
import { useSimulatedGateway } from '../../../helpers/use-simulated-gateway.js';
import { settledModels } from '../../ai/sentiment/model-fixtures.js';

type Json = Record<string, unknown>;

/** One real request of a documented operation and the status it must get. */
interface Exchange {
  method: 'get' | 'post';
  path: string;
  query?: string;
  body?: unknown;
  status: number;
}

/** Every documented operation, each answer it documents that the simulator can produce offline. */
const EXCHANGES: Exchange[] = [
  { method: 'get', path: '/healthz', status: 200 },
  { method: 'get', path: '/readyz', status: 200 },
  { method: 'get', path: '/api/openapi.json', status: 200 },
  { method: 'get', path: '/', status: 200 },
  { method: 'get', path: '/components/status-drawer.js', status: 200 },
  { method: 'get', path: '/components/dashboard.js', status: 200 },
  { method: 'get', path: '/components/custom-elements.json', status: 200 },
  { method: 'get', path: '/api/market/price', query: 'symbol=BTC', status: 200 },
  { method: 'get', path: '/api/market/price', query: 'symbol=eth&mode=consensus', status: 200 },
  { method: 'get', path: '/api/market/price', query: 'symbol=BTC/USDT', status: 200 },
  { method: 'get', path: '/api/market/price', query: 'symbol=BTC&quote=XYZ', status: 404 },
  { method: 'get', path: '/api/market/markets', query: 'symbol=BTC', status: 200 },
  { method: 'get', path: '/api/market/markets', query: 'pageSize=3&page=2', status: 200 },
  { method: 'get', path: '/api/market/markets', query: 'symbol=NOSUCHCOIN', status: 404 },
  { method: 'get', path: '/api/market/markets', query: 'pageSize=0', status: 400 },
  { method: 'get', path: '/api/market/price', query: 'symbol=B$C', status: 400 },
  { method: 'get', path: '/api/market/price', query: 'symbol=NOSUCHCOIN', status: 404 },
  { method: 'get', path: '/api/market/prices', query: 'symbols=BTC,ETH,NOSUCHCOIN', status: 200 },
  { method: 'get', path: '/api/market/prices', query: 'symbols=', status: 400 },
  { method: 'get', path: '/api/market/ticker', query: 'symbol=SOL', status: 200 },
  { method: 'get', path: '/api/market/ticker', query: 'symbol=NOSUCHCOIN', status: 404 },
  { method: 'get', path: '/api/market/ohlcv', query: 'symbol=BTC&interval=1h&limit=5', status: 200 },
  { method: 'get', path: '/api/market/ohlcv', query: 'symbol=BTC&limit=0', status: 400 },
  { method: 'get', path: '/api/market/fear-greed', status: 200 },
  { method: 'get', path: '/api/market/fear-greed', query: 'x=1', status: 400 },
  { method: 'get', path: '/api/market/gas', status: 200 },
  { method: 'get', path: '/api/market/gas', query: 'x=1', status: 400 },
  { method: 'post', path: '/api/ai/sentiment', body: { texts: ['Bitcoin surges to a record', 'Exchange hacked'] }, status: 200 },
  { method: 'post', path: '/api/ai/sentiment', body: { text: '' }, status: 400 },
  { method: 'post', path: '/api/ai/sentiment', body: { text: 'Bitcoin', model: 'Xenova/distilbert-base-uncased-finetuned-sst-2-english' }, status: 404 },
  { method: 'get', path: '/api/ai/models', status: 200 },
  { method: 'get', path: '/api/system/status', status: 200 },
  { method: 'get', path: '/metrics', status: 200 },
];

/** Sent last, with every price provider failing: nothing can answer a ticker nobody cached. */
const WHEN_EVERYTHING_FAILS: Exchange[] = [
  { method: 'get', path: '/api/market/ticker', query: 'symbol=DOGE', status: 503 },
  { method: 'get', path: '/api/market/ohlcv', query: 'symbol=XRP&interval=1d&limit=3', status: 503 },
  { method: 'get', path: '/api/market/price', query: 'symbol=ADA', status: 503 },
  { method: 'get', path: '/api/market/prices', query: 'symbols=LINK,DOT', status: 503 },
];

describe('openapi plugin: GET /api/openapi.json', function () {
  this.timeout(90_000);
  before(() => buildWebComponents());
  const demo = useSimulatedGateway({ port: 0, env: { LOG_LEVEL: 'silent' } });
  let document: Json;

  before(async () => {
    await settledModels(demo().app);
    const response = await fetch(`${demo().gatewayUrl}/api/openapi.json`);
    expect(response.status).to.equal(200);
    document = (await response.json()) as Json;
  });

  it('is a valid OpenAPI 3.1 document (@seriousme/openapi-schema-validator)', async () => {
    const result = await new Validator().validate(structuredClone(document));
    expect(result.errors, JSON.stringify(result.errors, null, 2)).to.equal(undefined);
    expect(result.valid).to.equal(true);
    expect(document.openapi).to.match(/^3\.1\./);
    const broken = structuredClone(document) as { paths: Record<string, Record<string, { responses: Record<string, Json> }>> };
    delete broken.paths['/api/market/price']!.get!.responses['200']!.description;
    expect((await new Validator().validate(broken)).valid, 'the validator refuses an answer without a description').to.equal(false);
  });

  it('documents exactly the routes the kernel and the plugins serve', () => {
    const router = new Router();
    for (const contribution of demo().app.kernel.container.getAll<RouteContribution>(RouteContribution)) contribution.registerRoutes(router);
    const served = new Set(['get /healthz', 'get /readyz']);
    for (const layer of router.stack) for (const method of layer.methods) if (method !== 'HEAD') served.add(`${method.toLowerCase()} ${String(layer.path)}`);
    const documented = new Set(Object.entries(document.paths as Record<string, Json>).flatMap(([path, item]) => Object.keys(item).map((method) => `${method} ${path}`)));
    expect([...documented].sort()).to.deep.equal([...served].sort());
  });

  it('takes its query parameters from the zod schemas the routes validate with', () => {
    const ohlcv = (document.paths as Record<string, Record<string, Json>>)['/api/market/ohlcv']!.get!;
    const parameters = ohlcv.parameters as Array<{ name: string; required: boolean; schema: Json; description?: string }>;
    expect(parameters.map((parameter) => parameter.name)).to.deep.equal(['symbol', 'quote', 'interval', 'limit']);
    expect(parameters[0]).to.deep.include({ required: true, description: 'Base ticker, case-insensitive (BTC, eth), or a market: BTC/USDT, BTC-USD' });
    expect(parameters[0]!.schema).to.deep.include({ type: 'string', pattern: '^[A-Za-z0-9]{1,15}([/-][A-Za-z0-9]{1,15})?$' });
    expect(parameters[1]).to.deep.include({ required: false });
    expect(parameters[1]!.schema).to.deep.include({ type: 'string', pattern: '^[A-Za-z0-9]{1,15}$' });
    expect(parameters[2]!.schema.enum).to.deep.equal(['1m', '5m', '15m', '30m', '1h', '4h', '1d']);
  });

  it('describes every real answer of every endpoint, errors included', async () => {
    const ajv = jsonSchemaValidator();
    const paths = document.paths as Record<string, Record<string, { responses: Record<string, { content: Record<string, { schema: Json }> }> }>>;
    const schemas = (document.components as { schemas: Record<string, Json> }).schemas;
    const exercised = new Set<string>();
    const check = async (exchange: Exchange): Promise<void> => {
      const url = `${demo().gatewayUrl}${exchange.path}${exchange.query === undefined ? '' : `?${exchange.query}`}`;
      const response = await fetch(url, exchange.body === undefined ? {} : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(exchange.body) });
      const what = `${exchange.method.toUpperCase()} ${exchange.path}${exchange.query === undefined ? '' : `?${exchange.query}`}`;
      const text = await response.text();
      expect(response.status, `${what}: ${text.slice(0, 300)}`).to.equal(exchange.status);
      const documented = paths[exchange.path]?.[exchange.method]?.responses[String(exchange.status)];
      expect(documented, `${what} ${exchange.status} is documented`).to.not.equal(undefined);
      const [contentType, { schema }] = Object.entries(documented!.content)[0]!;
      expect(response.headers.get('content-type'), what).to.include(contentType.split(';')[0]);
      const resolved = typeof schema.$ref === 'string' ? schemas[schema.$ref.replace('#/components/schemas/', '')]! : schema;
      const validate = ajv.compile(resolved);
      const answer: unknown = contentType.startsWith('application/json') ? JSON.parse(text) : text;
      expect(validate(answer), `${what}: ${ajv.errorsText(validate.errors)}\n${text.slice(0, 500)}`).to.equal(true);
      exercised.add(`${exchange.method} ${exchange.path}`);
    };
    for (const exchange of EXCHANGES) await check(exchange);
    demo().simulator.setFaults(Object.fromEntries(['binance', 'coinbase', 'kraken', 'bitstamp', 'gemini', 'cryptocompare', 'coincap', 'coingecko', 'generic'].map((id) => [id, { errorRate: 1 }])));
    for (const exchange of WHEN_EVERYTHING_FAILS) await check(exchange);
    const operations = Object.entries(paths).flatMap(([path, item]) => Object.keys(item).map((method) => `${method} ${path}`));
    expect(operations.filter((operation) => !exercised.has(operation)), 'operations no real answer was checked against').to.deep.equal([]);
  });
});
