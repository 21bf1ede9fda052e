import { describe, expect, it } from 'vitest';
import { useFixtureGraph } from './api-fixtures.js';
import { errorCodes, execute } from '../../helpers.js';

// The root chipHoldings list the explorer's holdings chart reads: every owner's figures for a chip
// or class across owners, on the hand-written dataset items of api-fixtures.ts over the seed graph.

const { graph } = useFixtureGraph('charts-api', 'charts-api-writer-secret-01');

const HOLDINGS = `query ($chip: String, $owner: String) {
  chipHoldings(chip: $chip, owner: $owner) { route owner { key } item { key } figures { metric value valueLow valueHigh date } }
}`;

describe('chipHoldings across owners', () => {
  it('lists every owner with figures for an item, by item then owner, leaving out BUYS links that state none', async () => {
    const response = await execute(graph.app, HOLDINGS);
    expect(response.errors).toBeUndefined();
    const holdings = response.data!.chipHoldings;
    expect(holdings.map((h: any) => `${h.item.key}:${h.owner.key}`)).toEqual(['h100-h200:xai', 'h20:china-ai-chip-buyers']);
    // The seed's ByteDance BUYS H20 states no figure: nothing to chart, so not listed.
    const seed = await execute(graph.app, `{ company(key: "bytedance") { chips { relation chip { key } } } }`);
    expect(seed.data!.company.chips.some((use: any) => use.relation === 'BUYS')).toBe(true);
    expect(holdings.every((h: any) => h.route === 'DIRECT' && h.figures.length > 0)).toBe(true);
    expect(holdings[1].figures).toEqual([{ metric: 'CHIP_COUNT', value: 500000, valueLow: 300000, valueHigh: 800000, date: '2025-06-30' }]);
  });

  it('filters by item (exactly, not through families) and by owner', async () => {
    const byChip = await execute(graph.app, HOLDINGS, { chip: 'h100-h200' });
    expect(byChip.data!.chipHoldings.map((h: any) => h.owner.key)).toEqual(['xai']);
    expect(byChip.data!.chipHoldings[0].figures.map((f: any) => f.metric)).toEqual(['H100_EQUIVALENTS', 'HARDWARE_COST']);
    const throughFamily = await execute(graph.app, HOLDINGS, { chip: 'hopper' });
    expect(throughFamily.data!.chipHoldings).toEqual([]);
    const byOwner = await execute(graph.app, HOLDINGS, { owner: 'china-ai-chip-buyers' });
    expect(byOwner.data!.chipHoldings.map((h: any) => h.item.key)).toEqual(['h20']);
    const both = await execute(graph.app, HOLDINGS, { chip: 'h20', owner: 'xai' });
    expect(both.data!.chipHoldings).toEqual([]);
  });

  it('answers BAD_USER_INPUT naming an unknown chip or owner key', async () => {
    const chip = await execute(graph.app, HOLDINGS, { chip: 'no-such-chip' });
    expect(errorCodes(chip)).toEqual(['BAD_USER_INPUT']);
    expect(chip.errors![0]!.message).toContain('"chip"');
    expect(chip.errors![0]!.message).toContain('no-such-chip');
    const owner = await execute(graph.app, HOLDINGS, { owner: 'nobody-at-all' });
    expect(errorCodes(owner)).toEqual(['BAD_USER_INPUT']);
    expect(owner.errors![0]!.message).toContain('nobody-at-all');
  });
});
