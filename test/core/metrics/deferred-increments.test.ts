import { expect } from 'chai';
import { Counter, Registry } from 'prom-client';
import { DeferredIncrements } from '../../../core/metrics/deferred-increments.js';

/** A counter whose increments go through DeferredIncrements, as the router's hot ones do. */
function deferredCounter(): { counter: Counter<'provider' | 'capability'>; pending: DeferredIncrements<'provider' | 'capability'>; registry: Registry } {
  const registry = new Registry();
  const pending = new DeferredIncrements<'provider' | 'capability'>((provider, capability) => ({ provider, capability }));
  const counter = new Counter({
    name: 'test_selections_total',
    help: 'test',
    labelNames: ['provider', 'capability'],
    registers: [registry],
    collect() {
      pending.flush(this);
    },
  });
  return { counter, pending, registry };
}

describe('DeferredIncrements', () => {
  it('shows every increment, by label set, whenever the counter is read', async () => {
    const { counter, pending } = deferredCounter();
    pending.add('binance', 'price');
    pending.add('binance', 'price');
    pending.add('kraken', 'ticker');
    counter.inc({ provider: 'binance', capability: 'price' });
    const values = (await counter.get()).values.map(({ labels, value }) => [labels.provider, labels.capability, value]);
    expect(values).to.have.deep.members([
      ['binance', 'price', 3],
      ['kraken', 'ticker', 1],
    ]);
  });

  it('adds each increment once across reads, and those made between reads to the next one', async () => {
    const { pending, registry } = deferredCounter();
    pending.add('binance', 'price');
    expect(await registry.metrics()).to.include('test_selections_total{provider="binance",capability="price"} 1');
    expect(await registry.metrics()).to.include('test_selections_total{provider="binance",capability="price"} 1');
    pending.add('binance', 'price');
    expect(await registry.metrics()).to.include('test_selections_total{provider="binance",capability="price"} 2');
  });

  it('keeps one cell per label set: counts added to a kept cell show at every read, after earlier reads too', async () => {
    const { pending, registry } = deferredCounter();
    const cell = pending.cell('binance', 'price');
    expect(pending.cell('binance', 'price'), 'the same cell').to.equal(cell);
    cell.count += 1;
    expect(await registry.metrics()).to.include('test_selections_total{provider="binance",capability="price"} 1');
    cell.count += 2;
    pending.add('binance', 'price');
    expect(await registry.metrics()).to.include('test_selections_total{provider="binance",capability="price"} 4');
  });
});
