import { ContainerModule } from 'inversify';
import { definePlugin, LifecycleContribution, StatusContribution, WebSocketRouteContribution } from '../../../core/index.js';
import { InMemoryPollerLease } from './in-memory-poller-lease.js';
import { InMemoryPriceFanout } from './in-memory-price-fanout.js';
import { MarketStreamConfig, MarketStreamConfigSchema } from './market-stream-config.js';
import { MarketStreamMetrics } from './market-stream-metrics.js';
import { MarketStreamServer } from './market-stream-server.js';
import { MarketStreamStatus } from './market-stream-status.js';
import { PollerLease } from './poller-lease.js';
import { PriceFanout } from './price-fanout.js';
import { PriceSubscriptions } from './price-subscriptions.js';
import { StatusChannel } from './status-channel.js';

/**
 * The `market-stream` plugin: `WS /ws/market`, live prices from one shared poller per symbol
 * through the router and the system status on a channel, with its metrics and its figures in the
 * `infrastructure` status section. PollerLease and PriceFanout are bound to in-memory defaults a
 * cluster plugin rebinds (`rebind(PollerLease)`, `rebind(PriceFanout)`), loaded after this one.
 */
export const marketStreamPlugin = definePlugin<MarketStreamConfig>({
  name: 'market-stream',
  optionsSchema: MarketStreamConfigSchema,
  module: ({ options }) =>
    new ContainerModule(({ bind }) => {
      bind<MarketStreamConfig>(MarketStreamConfig).toConstantValue(Object.freeze(options));
      bind<PollerLease>(PollerLease).to(InMemoryPollerLease).inSingletonScope();
      bind<PriceFanout>(PriceFanout).to(InMemoryPriceFanout).inSingletonScope();
      bind(MarketStreamMetrics).toSelf().inSingletonScope();
      bind(PriceSubscriptions).toSelf().inSingletonScope();
      bind(StatusChannel).toSelf().inSingletonScope();
      bind(MarketStreamServer).toSelf().inSingletonScope();
      bind<WebSocketRouteContribution>(WebSocketRouteContribution).toService(MarketStreamServer);
      bind<LifecycleContribution>(LifecycleContribution).toService(MarketStreamServer);
      bind<StatusContribution>(StatusContribution).to(MarketStreamStatus).inSingletonScope();
    }),
});
