import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { CONFIG_ENV_NAMES, ConfigError, EMBEDDED_DEFAULT_PASSWORD, loadConfig } from '../../src/core/config.js';

describe('configuration from the environment', () => {
  it('defaults to the embedded Neo4j and port 4000', () => {
    const config = loadConfig({});
    expect(config.neo4j.uri).toBeUndefined();
    expect(config.neo4j.password).toBe(EMBEDDED_DEFAULT_PASSWORD);
    expect(config.neo4j.embedded).toEqual({ dataDir: '.data/neo4j', boltPort: 7687, heap: '1g', pagecache: '256m' });
    expect(config.http).toEqual({ host: '127.0.0.1', port: 4000, shutdownTimeoutMs: 10_000 });
    expect(config.seedOnStart).toBe(true);
  });

  it('reads an existing server from NEO4J_URI, including a cluster routing URI', () => {
    const config = loadConfig({ NEO4J_URI: 'neo4j://db.internal:7687', NEO4J_PASSWORD: 'long-enough', PORT: '8080' });
    expect(config.neo4j.uri).toBe('neo4j://db.internal:7687');
    expect(config.http.port).toBe(8080);
  });

  it.each([
    [{ PORT: 'eighty' }, /PORT: .*"eighty"/],
    [{ PORT: '70000' }, /PORT: .*65535/],
    [{ NEO4J_URI: 'http://localhost:7474', NEO4J_PASSWORD: 'long-enough' }, /NEO4J_URI: must be a neo4j:\/\/ or bolt:\/\/ URI/],
    [{ NEO4J_URI: 'bolt://localhost:7687' }, /NEO4J_PASSWORD: is required when NEO4J_URI/],
    [{ NEO4J_PASSWORD: 'short' }, /NEO4J_PASSWORD: must be at least 8 characters/],
    [{ SEED_ON_START: 'maybe' }, /SEED_ON_START/],
    [{ NEO4J_HEAP: 'lots' }, /NEO4J_HEAP: must look like 512m or 2g/],
    [{ NEO4J_USER: 'alice' }, /NEO4J_USER: the embedded Neo4j only has the user "neo4j"/],
  ])('rejects %j with a message naming the variable', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });

  it('never echoes a password back in an error', () => {
    expect(() => loadConfig({ NEO4J_PASSWORD: 'short' })).toThrow(/\*\*\*/);
    expect(() => loadConfig({ NEO4J_PASSWORD: 'short' })).not.toThrow(/short"/);
  });

  it('documents every variable it reads in the README', async () => {
    const readme = await readFile(new URL('../../README.md', import.meta.url), 'utf8');
    expect(CONFIG_ENV_NAMES.filter((name) => !readme.includes(`\`${name}\``))).toEqual([]);
  });

  it('reads CORS_ORIGINS as a list of origins, and none by default', () => {
    expect(loadConfig({}).corsOrigins).toEqual([]);
    expect(loadConfig({ CORS_ORIGINS: 'https://a.example.org, http://localhost:5173' }).corsOrigins).toEqual([
      'https://a.example.org',
      'http://localhost:5173',
    ]);
    expect(() => loadConfig({ CORS_ORIGINS: 'https://a.example.org/path' })).toThrow(/CORS_ORIGINS: must be origins/);
    expect(() => loadConfig({ CORS_ORIGINS: '*' })).toThrow(/CORS_ORIGINS/);
  });

  it('reads the request limits, refusing ones that would disable them', () => {
    expect(loadConfig({ MAX_REQUEST_STATEMENTS: '10', MAX_BODY_BYTES: '2048' }).limits).toMatchObject({
      maxRequestStatements: 10,
      maxBodyBytes: 2048,
      maxRequestConcurrency: 4,
    });
    expect(() => loadConfig({ MAX_REQUEST_CONCURRENCY: '0' })).toThrow(/MAX_REQUEST_CONCURRENCY/);
  });
});
