import { clusterPlugin } from './cluster-module.js';

export { ClusterConfigSchema, type ClusterConfig } from './cluster-config.js';
export { ClusterSectionSchema, type ClusterSection } from './cluster-status.js';
export default clusterPlugin;
