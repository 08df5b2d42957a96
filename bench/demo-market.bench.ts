import { loadavg } from 'node:os';
import { createSimulatedGateway, type SimulatedGateway } from '../simulator/simulated-gateway.js';
import { report } from './lib/bench-results.js';

/**
 * What the demo market serves and what a cold `/prices` of 100 symbols costs upstream, counted at
 * the simulator (loopback). Each round starts a fresh gateway with the demo's providers (so every
 * cache is cold), lets the listings load, clears the simulator's counters, then asks either one
 * `/prices` of 100 bases in a quote (USD, EUR, BTC; EUR once more 11 s after a first, when
 * CoinGecko's spacing allows its next call) or, as the baseline, one `/price` per base (USD). Rounds interleave the cases; the figures are call counts (per provider), so the load only
 * matters for the noise of which providers were ready. The machine's load is printed with them.
 */
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const SYMBOLS = 100;
const CASES = ['prices USD', 'prices EUR', 'prices EUR, again 11 s later', 'prices BTC', 'one /price per symbol (USD)'] as const;
/** CoinGecko's declared spacing (10 s) and a second: when its next call is allowed after the start's listing. */
const COINGECKO_SPACING_MS = 11_000;

type Case = (typeof CASES)[number];
type Quotes = { quote: string; providers: { id: string }[] }[];

/** Providers that price listed coins in other quotes by a parameter (`parameterQuotes`), rather than list markets. */
const AGGREGATORS = ['coingecko', 'cryptocompare', 'coincap'];

interface MarketFigures {
  bases: number;
  quotes: string[];
  markets: number;
  basesPerQuote: Record<string, number>;
  /** Base/quote markets some exchange (not only an aggregator) lists, and their quotes. */
  exchangeMarkets: number;
  exchangeQuotes: string[];
}

async function json(gateway: SimulatedGateway, path: string): Promise<Record<string, unknown>> {
  return (await (await fetch(`${gateway.gatewayUrl}${path}`)).json()) as Record<string, unknown>;
}

/** Every base of `/api/market/markets` with its quotes. */
async function allMarkets(gateway: SimulatedGateway): Promise<Map<string, Quotes>> {
  const markets = new Map<string, Quotes>();
  for (let page = 1; ; page += 1) {
    const body = await json(gateway, `/api/market/markets?pageSize=200&page=${page}`);
    const entries = body.markets as { symbol: string; quotes: Quotes }[];
    for (const entry of entries) markets.set(entry.symbol, entry.quotes);
    if (markets.size >= (body.total as number) || entries.length === 0) return markets;
  }
}

function figuresOf(markets: Map<string, Quotes>): MarketFigures {
  const basesPerQuote: Record<string, number> = {};
  const exchangeQuotes = new Set<string>();
  let count = 0;
  let exchangeMarkets = 0;
  for (const quotes of markets.values()) {
    for (const { quote, providers } of quotes) {
      basesPerQuote[quote] = (basesPerQuote[quote] ?? 0) + 1;
      if (providers.some((provider) => !AGGREGATORS.includes(provider.id))) {
        exchangeMarkets += 1;
        exchangeQuotes.add(quote);
      }
    }
    count += quotes.length;
  }
  return { bases: markets.size, quotes: Object.keys(basesPerQuote).sort(), markets: count, basesPerQuote, exchangeMarkets, exchangeQuotes: [...exchangeQuotes].sort() };
}

/** The first 100 bases served in `quote` (USD counts those served from a USDT or USDC market too). */
function basesIn(markets: Map<string, Quotes>, quote: string): string[] {
  const accepted = quote === 'USD' ? ['USD', 'USDT', 'USDC'] : [quote];
  return [...markets].filter(([, quotes]) => quotes.some((entry) => accepted.includes(entry.quote))).map(([base]) => base).slice(0, SYMBOLS);
}

async function round(which: Case): Promise<{ case: Case; answered: number; calls: Record<string, number>; markets: MarketFigures }> {
  const gateway = await createSimulatedGateway({ port: 0, env: { LOG_LEVEL: 'silent' } });
  await gateway.start();
  try {
    const markets = await allMarkets(gateway);
    const quote = which.startsWith('prices EUR') ? 'EUR' : which === 'prices BTC' ? 'BTC' : 'USD';
    const symbols = basesIn(markets, quote);
    if (which === 'prices EUR, again 11 s later') {
      await json(gateway, `/api/market/prices?symbols=${symbols.join(',')}&quote=${quote}`);
      await new Promise((resolve) => setTimeout(resolve, COINGECKO_SPACING_MS));
    }
    gateway.simulator.reset();
    let answered = 0;
    if (which.startsWith('prices')) {
      const body = await json(gateway, `/api/market/prices?symbols=${symbols.join(',')}&quote=${quote}`);
      answered = (body.prices as unknown[]).length;
    } else {
      for (const symbol of symbols) if ('price' in (await json(gateway, `/api/market/price?symbol=${symbol}`))) answered += 1;
    }
    const calls = Object.fromEntries(Object.entries(gateway.simulator.stats().calls).filter(([, count]) => count > 0));
    return { case: which, answered, calls, markets: figuresOf(markets) };
  } finally {
    await gateway.stop();
  }
}

function total(calls: Record<string, number>): number {
  return Object.values(calls).reduce((sum, count) => sum + count, 0);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

export async function benchDemoMarket(): Promise<void> {
  const loadBefore = loadavg()[0]!;
  const runs: Awaited<ReturnType<typeof round>>[] = [];
  for (let index = 0; index < ROUNDS; index += 1) for (const which of CASES) runs.push(await round(which));
  const medianCalls = Object.fromEntries(CASES.map((which) => [which, median(runs.filter((run) => run.case === which).map((run) => total(run.calls)))]));
  const summary = { rounds: ROUNDS, symbols: SYMBOLS, load1m: { before: loadBefore, after: loadavg()[0]! }, market: runs[0]!.markets, medianUpstreamCalls: medianCalls, runs };
  report(
    'demo-market',
    summary,
    runs.map((run) => ({
      case: run.case,
      answered: run.answered,
      'upstream calls': total(run.calls),
      'calls by provider': Object.entries(run.calls).map(([id, count]) => `${id} ${count}`).join(', '),
    })),
  );
  const { market } = summary;
  console.log(`demo market: ${market.bases} bases, ${market.quotes.length} quotes (${market.quotes.join(' ')}), ${market.markets} base/quote markets;`);
  console.log(`  listed by an exchange: ${market.exchangeMarkets} markets in ${market.exchangeQuotes.length} quotes (${market.exchangeQuotes.join(' ')}); load ${loadBefore.toFixed(2)} → ${summary.load1m.after.toFixed(2)}`);
}

await benchDemoMarket();
