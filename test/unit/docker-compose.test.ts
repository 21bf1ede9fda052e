import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { CONFIG_ENV_NAMES, loadConfig } from '../../src/core/config.js';

const compose = parse(await readFile(new URL('../../docker-compose.yml', import.meta.url), 'utf8'));
const dockerfile = await readFile(new URL('../../Dockerfile', import.meta.url), 'utf8');

describe('docker-compose.yml', () => {
  it('runs Neo4j 5.26 Community with a healthcheck and a data volume', () => {
    const neo4j = compose.services.neo4j;
    expect(neo4j.image).toBe('neo4j:5.26-community');
    expect(neo4j.healthcheck.test.join(' ')).toContain('RETURN 1');
    expect(neo4j.volumes).toContain('neo4j-data:/data');
    expect(Object.keys(compose.volumes)).toContain('neo4j-data');
  });

  it('builds the service from the Dockerfile and starts it once Neo4j is healthy', () => {
    const atlas = compose.services.atlas;
    expect(atlas.build).toBe('.');
    expect(atlas.depends_on.neo4j.condition).toBe('service_healthy');
  });

  it('sets only environment variables the service reads, and enough to reach Neo4j', () => {
    const names = Object.keys(compose.services.atlas.environment);
    expect(names.filter((name) => !CONFIG_ENV_NAMES.includes(name))).toEqual([]);
    expect(names).toEqual(expect.arrayContaining(['NEO4J_URI', 'NEO4J_USER', 'NEO4J_PASSWORD', 'PORT', 'HOST']));
  });

  it('gives the service a configuration that validates, pointing at the neo4j service', () => {
    const env = Object.fromEntries(
      Object.entries(compose.services.atlas.environment as Record<string, string>).map(([name, value]) => [
        name,
        value.replace(/\$\{(\w+):-([^}]*)\}/g, (_m, _var, fallback: string) => fallback),
      ]),
    );
    const config = loadConfig(env);
    expect(config.neo4j.uri).toBe('bolt://neo4j:7687');
    expect(config.http).toMatchObject({ host: '0.0.0.0', port: 4000 });
    // The password the service uses is the one the database container is created with.
    expect(compose.services.neo4j.environment.NEO4J_AUTH).toContain(compose.services.atlas.environment.NEO4J_PASSWORD);
  });
});

describe('Dockerfile', () => {
  const instructions = dockerfile
    .replace(/\\\n\s*/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'));
  const stages = instructions.filter((line) => /^FROM /i.test(line));
  const final = instructions.slice(instructions.lastIndexOf(stages.at(-1)!));

  it('builds in stages on Node 24, the final stage from a slim image', () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    for (const stage of stages) expect(stage).toMatch(/^FROM node:24(-bookworm)?-slim\b/);
    expect(instructions).toContain('RUN npm run build');
    // Only production dependencies reach the final image.
    expect(dockerfile).toMatch(/npm ci --omit=dev/);
  });

  it('runs the compiled JavaScript, not TypeScript through tsx, as a non-root user', () => {
    const user = final.filter((line) => /^USER /.test(line)).at(-1);
    expect(user).toBeDefined();
    expect(user).not.toMatch(/^USER (root|0)(:|$)/);
    const cmd = JSON.parse(final.find((line) => line.startsWith('CMD '))!.slice(4)) as string[];
    expect(cmd[0]).toBe('node');
    expect(cmd.at(-1)).toMatch(/\.js$/);
    expect(cmd.join(' ')).not.toMatch(/tsx|\.ts\b/);
  });

  it('copies what the compiled code reads next to it, at the paths the sources use', () => {
    const copies = final.filter((line) => line.startsWith('COPY ')).join('\n');
    // src/*.js finds dist/web, seed/data, seed/sources and seed/translations relative to itself.
    for (const target of ['./src', './dist/web', './seed/data', './seed/sources', './seed/translations']) {
      expect(copies).toMatch(new RegExp(` ${target.replace(/[./]/g, '\\$&')}$`, 'm'));
    }
  });

  it('has a HEALTHCHECK that asks GET /health', () => {
    const healthcheck = final.find((line) => line.startsWith('HEALTHCHECK '));
    expect(healthcheck).toMatch(/CMD .*\/health/);
  });
});

describe('docker-compose.yml, profile scale', () => {
  const replica = compose.services['atlas-replica'];
  const proxy = compose.services.proxy;

  it('adds two replicas and a proxy only under the profile, leaving the default stack as it was', () => {
    expect(replica.profiles).toEqual(['scale']);
    expect(proxy.profiles).toEqual(['scale']);
    expect(compose.services.neo4j.profiles).toBeUndefined();
    expect(compose.services.atlas.profiles).toBeUndefined();
    expect(replica.deploy.replicas).toBe(2);
    expect(replica.build).toBe('.');
    // Replicas publish no port (two could not share one): only the proxy is reachable.
    expect(replica.ports).toBeUndefined();
    expect(proxy.ports).toEqual(['127.0.0.1:4080:80']);
  });

  it('runs the replicas on the same database as atlas, without loading the seed again', () => {
    const { SEED_ON_START, ...shared } = replica.environment as Record<string, string>;
    const { SEED_ON_START: seeds, ...atlasShared } = compose.services.atlas.environment as Record<string, string>;
    expect(SEED_ON_START).toBe('false');
    expect(seeds).toBe('true');
    // Same credentials, so they accept each other's consistency tokens.
    expect(shared).toEqual(atlasShared);
    expect(replica.depends_on.atlas.condition).toBe('service_healthy');
    expect(replica.healthcheck.test).toEqual(compose.services.atlas.healthcheck.test);
  });

  it('points the proxy at the replicas through its nginx configuration', async () => {
    expect(proxy.image).toMatch(/^nginx:/);
    expect(proxy.depends_on['atlas-replica'].condition).toBe('service_healthy');
    const [mount] = proxy.volumes as string[];
    const [file, target] = mount!.split(':');
    expect(target).toBe('/etc/nginx/conf.d/default.conf');
    const nginx = await readFile(new URL(`../../${file}`, import.meta.url), 'utf8');
    expect(nginx).toMatch(/upstream atlas \{\s*server atlas-replica:4000;/);
    expect(nginx).toMatch(/proxy_pass http:\/\/atlas;/);
    expect(nginx).toMatch(/listen 80;/);
  });
});
