import { expect } from 'chai';
import { configFromObject } from '../../core/config/config-loader.js';
import { simulatorAddressLayer, type SimulatorAddress } from '../../simulator/simulator-address-layer.js';

const SIMULATOR: SimulatorAddress = { url: 'http://127.0.0.1:9999', baseUrlOf: (id) => `http://127.0.0.1:9999/${id}` };

function layerFor(raw: Record<string, unknown>): ReturnType<typeof simulatorAddressLayer> {
  return simulatorAddressLayer(configFromObject(raw).config, SIMULATOR);
}

describe('simulatorAddressLayer', () => {
  it('points every listed built-in provider plugin, by name or with options, at its simulated path', () => {
    const layer = layerFor({ plugins: ['binance', { name: 'kraken', options: {} }, 'market-api'] });
    expect(layer.value).to.deep.equal({
      providers: { binance: { baseUrl: 'http://127.0.0.1:9999/binance' }, kraken: { baseUrl: 'http://127.0.0.1:9999/kraken' } },
    });
  });

  it('points every config-declared http-json provider at the generic API, and leaves other entries alone', () => {
    const layer = layerFor({
      plugins: ['coinbase', { name: 'http-json', options: { providers: { 'demo-exchange': { baseUrl: 'https://example.invalid' } } } }],
      providers: { coinbase: { weight: 3 }, gemini: { weight: 2 } },
    });
    expect(layer.value).to.deep.equal({
      providers: { coinbase: { baseUrl: 'http://127.0.0.1:9999/coinbase' }, 'demo-exchange': { baseUrl: 'http://127.0.0.1:9999/generic' } },
    });
  });

  it('ignores plugins loaded by path or package: the simulator does not know what they call', () => {
    const layer = layerFor({ plugins: [{ path: './my-plugin.js' }, { package: 'binance' }] });
    expect(layer.value).to.deep.equal({ providers: {} });
  });

  it('is labelled with the simulator address, so config errors name it', () => {
    expect(layerFor({ plugins: [] }).label).to.equal('simulator address (http://127.0.0.1:9999)');
  });
});
