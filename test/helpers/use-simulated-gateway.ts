import { createSimulatedGateway, type SimulatedGateway, type SimulatedGatewayOptions } from '../../simulator/simulated-gateway.js';

/**
 * Mocha hooks for a suite over one simulated gateway: created and started before the suite, stopped after it.
 * Returns the gateway of the running suite (call it inside hooks and tests, not at describe time).
 */
export function useSimulatedGateway(options: SimulatedGatewayOptions): () => SimulatedGateway {
  let gateway: SimulatedGateway | undefined;
  before(async () => {
    gateway = await createSimulatedGateway(options);
    await gateway.start();
  });
  after(() => gateway?.stop());
  return () => {
    if (gateway === undefined) throw new Error('the simulated gateway is used before its suite started it');
    return gateway;
  };
}
