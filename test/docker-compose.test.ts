import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { CONFIG_ENV_NAMES, loadConfig } from '../src/config.js';

const compose = parse(await readFile(new URL('../docker-compose.yml', import.meta.url), 'utf8'));
const dockerfile = await readFile(new URL('../Dockerfile', import.meta.url), 'utf8');

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
    expect(dockerfile).toMatch(/^FROM node:20/m);
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
