import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { nodeSupport } from '../../src/core/node-support.js';

describe('supported Node versions', () => {
  it('accepts the LTS lines package.json engines names and warns on the others', () => {
    expect(nodeSupport('24.11.1')).toEqual({ supported: true, warning: null });
    expect(nodeSupport('22.15.0').supported).toBe(true);
    expect(nodeSupport('25.0.0').supported).toBe(true);
    for (const version of ['22.14.0', '23.11.0', '20.20.2', '18.20.8']) {
      const support = nodeSupport(version);
      expect(support.supported, version).toBe(false);
      expect(support.warning).toContain(`Node ${version} is not supported`);
    }
  });

  it('agrees with package.json engines', () => {
    const engines = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')).engines.node;
    expect(engines).toBe('^22.15.0 || >=24');
  });
});
