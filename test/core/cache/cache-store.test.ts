import { expect } from 'chai';
import { NodeCacheStore } from '../../../core/cache/node-cache-store.js';
import { MapCacheStore } from '../../helpers/map-cache-store.js';
import { createRouterHarness } from '../../helpers/router-harness.js';

describe('CacheStore', () => {
  it('can be replaced: the router caches through whatever store is bound', async () => {
    const store = new MapCacheStore();
    const { router, providers } = createRouterHarness([{ id: 'only', weight: 1, priority: 1 }], { cacheStore: store });
    await router.route('price', { symbol: 'BTC' });
    const second = await router.route('price', { symbol: 'BTC' });
    expect(second.cached).to.equal(true);
    expect(store.sets).to.equal(1);
    expect(providers.only!.calls).to.equal(1);
  });

  it('holds at most cache.maxKeys answers; beyond that answers are served but not cached', async () => {
    const store = new NodeCacheStore({ maxKeys: 2, checkPeriodMs: 60_000 });
    try {
      const { router, providers } = createRouterHarness([{ id: 'only', weight: 1, priority: 1 }], { cacheStore: store });
      for (const symbol of ['BTC', 'ETH', 'SOL']) expect((await router.route('price', { symbol })).cached).to.equal(false);
      expect(store.size()).to.equal(2);
      expect((await router.route('price', { symbol: 'SOL' })).cached).to.equal(false);
      expect((await router.route('price', { symbol: 'BTC' })).cached).to.equal(true);
      expect(providers.only!.calls).to.equal(4);
    } finally {
      store.close();
    }
  });

  it('replaces an entry in place even when full', () => {
    const store = new NodeCacheStore({ maxKeys: 1, checkPeriodMs: 60_000 });
    try {
      expect(store.set('a', 1, 10_000)).to.equal(true);
      expect(store.set('b', 2, 10_000)).to.equal(false);
      expect(store.set('a', 3, 10_000)).to.equal(true);
      expect(store.get('a')).to.equal(3);
    } finally {
      store.close();
    }
  });

  it('counts every set and delete in `changes`, an overwrite and a refused set included', () => {
    const store = new NodeCacheStore({ maxKeys: 1, checkPeriodMs: 60_000 });
    try {
      expect(store.changes).to.equal(0);
      store.set('a', 1, 10_000);
      store.set('a', 2, 10_000);
      store.set('b', 3, 10_000);
      store.delete('a');
      expect(store.changes).to.equal(4);
    } finally {
      store.close();
    }
  });
});
