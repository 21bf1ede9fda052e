import { describe, expect, it } from 'vitest';
import { authenticate, parseApiKeys } from '../../src/core/auth.js';
import { ConfigError, loadConfig } from '../../src/core/config.js';

describe('API keys', () => {
  const keys = parseApiKeys('writer:writer-secret-key-0001:read+write,reader:reader-secret-key-0001:read');

  it('authenticates a bearer key to its name and scopes', () => {
    expect(authenticate('Bearer writer-secret-key-0001', keys)).toMatchObject({ status: 'authenticated', principal: 'writer' });
    expect([...authenticate('bearer reader-secret-key-0001', keys).scopes]).toEqual(['read']);
  });

  it('tells a missing key from a wrong one', () => {
    expect(authenticate(null, keys).status).toBe('anonymous');
    expect(authenticate('Bearer writer-secret-key-0002', keys).status).toBe('invalid');
    expect(authenticate('Basic d3JpdGVyOnNlY3JldA==', keys).status).toBe('invalid');
    expect(authenticate('Bearer writer-secret-key-0001', []).status).toBe('invalid');
  });

  it.each([
    // A malformed entry may be a pasted secret: it is named by position only.
    ['analyst', /entry 1 must look like name:secret:read\+write/],
    ['analyst:short:write', /entry 1 \("analyst"\): the secret must be at least 16 characters/],
    ['analyst:long-enough-secret-1:admin', /unknown scope admin/],
    ['a:long-enough-secret-1:read,a:long-enough-secret-2:read', /entry 2 \("a"\): the name is used twice/],
  ])('refuses API_KEYS=%j at start, naming the entry but never the secret', (value, message) => {
    expect(() => loadConfig({ API_KEYS: value })).toThrow(ConfigError);
    expect(() => loadConfig({ API_KEYS: value })).toThrow(message);
    expect(() => loadConfig({ API_KEYS: value })).not.toThrow(/long-enough-secret|short:/);
  });

  it('reads valid keys into the configuration', () => {
    const config = loadConfig({ API_KEYS: 'analyst:long-enough-secret-1:read+write' });
    expect(config.apiKeys.map((k) => [k.name, [...k.scopes]])).toEqual([['analyst', ['read', 'write']]]);
  });
});
