import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../src/core/canonical-json.js';

describe('canonicalJson', () => {
  it('writes the text claims are stored and digested as: keys sorted at every depth, null and undefined left out', () => {
    const value = { units: 230_000, period: '2024', note: null, evidence: ['字節跳動(23萬枚)'], nested: { b: [1, { z: true, a: null }], a: undefined } };
    const text = '{"evidence":["字節跳動(23萬枚)"],"nested":{"b":[1,{"z":true}]},"period":"2024","units":230000}';
    expect(canonicalJson(value)).toBe(text);
    expect(canonicalJson({ nested: { b: [1, { z: true }] }, units: 230_000, evidence: ['字節跳動(23萬枚)'], period: '2024' })).toBe(text);
  });

  it('keeps nulls when asked, and indents like JSON.stringify', () => {
    expect(canonicalJson({ b: null, a: [null] }, { keepNulls: true })).toBe('{"a":[null],"b":null}');
    const value = { to: 'us', from: { key: 'h20', tags: [] }, steps: [{ type: 'BUYS' }, 2], empty: {} };
    const sorted = { empty: {}, from: { key: 'h20', tags: [] }, steps: [{ type: 'BUYS' }, 2], to: 'us' };
    expect(canonicalJson(value, { indent: 2 })).toBe(JSON.stringify(sorted, null, 2));
  });
});
