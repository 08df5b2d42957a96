export * from './capability.js';
export { MarketProvider, type FetchContext, type RateLimitInfo } from './market-provider.js';
export { ProviderDeclarationSchema, TickerSymbolSchema, type ProviderDeclaration } from './provider-declaration.js';
export { ProviderOverridesSchema, type ProviderOverrides } from './provider-overrides.js';
export { PROVIDER_BASELINE } from './provider-baseline.js';
export { resolveDeclaration, disabledReasonFor, type ProviderDefaults } from './resolve-declaration.js';
export { defineProviderPlugin, type ProviderPluginSpec, type ProviderFactoryContext } from './define-provider-plugin.js';
export { ProviderRegistry } from './provider-registry.js';
export { ASSET_UNIVERSE, symbolMap, type KnownAsset } from './asset-universe.js';
