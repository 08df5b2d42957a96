import Koa from 'koa';

/**
 * The baseline of the cached-price benchmark: Koa 3 answering a price-shaped JSON body with no
 * middleware at all. The gateway's cached answer is measured against this.
 */
const app = new Koa();
app.use((ctx) => {
  ctx.body = { symbol: 'BTC', price: 67_187.33, source: 'Binance', timestamp: Math.floor(Date.now() / 1000), cached: true };
});
const server = app.listen(0, '127.0.0.1', () => {
  const address = server.address();
  if (address !== null && typeof address === 'object') process.stdout.write(`LISTENING ${address.port}\n`);
});
process.once('SIGTERM', () => server.close(() => process.exit(0)));
