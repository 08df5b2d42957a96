import { readFileSync } from 'node:fs';
import { expect } from 'chai';
import { parse } from 'yaml';
import { loadConfig } from '../core/config/config-loader.js';
import { ClusterConfigSchema } from '../plugins/cluster/redis/cluster-config.js';

interface ComposeService {
  build?: string;
  image?: string;
  hostname?: string;
  environment?: Record<string, string>;
  command?: string[];
  depends_on?: Record<string, { condition: string }>;
  ports?: string[];
  configs?: Array<{ source: string; target: string }>;
}

interface ComposeFile {
  services: Record<string, ComposeService>;
  configs: Record<string, { content: string }>;
}

/**
 * compose.yaml is not run here (no container engine in the tests): it is parsed as YAML (anchors
 * and merge keys resolved, as compose does) and checked for what the README promises.
 */
describe('compose.yaml: three replicas, Redis and a load balancer', () => {
  const compose = parse(readFileSync('compose.yaml', 'utf8'), { merge: true }) as ComposeFile;
  const gateways = Object.entries(compose.services).filter(([name]) => name.startsWith('gateway-'));

  it('runs three gateway replicas from the project Dockerfile with the cluster overlay, each with its own host name', () => {
    expect(gateways.map(([name]) => name)).to.deep.equal(['gateway-1', 'gateway-2', 'gateway-3']);
    for (const [name, service] of gateways) {
      expect(service.build, name).to.equal('.');
      expect(service.hostname, name).to.equal(name);
      expect(service.environment?.CONFIG, name).to.equal('config/cluster.json');
      expect(service.depends_on?.redis?.condition, name).to.equal('service_healthy');
    }
    expect(readFileSync('Dockerfile', 'utf8')).to.include('COPY config ./config');
  });

  it('points the replicas at the compose Redis, which keeps nothing on disk and evicts the shortest-lived keys first', () => {
    const { config } = loadConfig({ defaultFile: 'config/default.json', env: { CONFIG: 'config/cluster.json' } });
    expect(config.plugins).to.include('cluster');
    const cluster = ClusterConfigSchema.parse(config.cluster);
    expect(new URL(cluster.redisUrl!).hostname).to.equal('redis');
    const redis = compose.services.redis!;
    expect(redis.image).to.match(/^redis:/);
    expect(redis.command).to.include.members(['--save', '--appendonly', '--maxmemory-policy', 'volatile-ttl']);
  });

  it('balances every replica behind nginx, WebSocket upgrades included, with nginx variables escaped from compose interpolation', () => {
    const lb = compose.services.lb!;
    expect(lb.image).to.match(/^nginx:/);
    expect(lb.ports).to.deep.equal(['8080:8080']);
    expect(Object.keys(lb.depends_on ?? {})).to.deep.equal(gateways.map(([name]) => name));
    const conf = compose.configs[lb.configs![0]!.source]!.content;
    for (const [name] of gateways) expect(conf).to.include(`server ${name}:7860`);
    expect(conf).to.include('proxy_set_header Upgrade $$http_upgrade');
    expect(conf.replaceAll('$$', '')).to.not.include('$');
  });
});
