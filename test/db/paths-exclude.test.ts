import { describe, expect, it } from 'vitest';
import { ENTITY_LINK_TYPES } from '../../src/core/model.js';
import { errorCodes, execute, useTestApp } from '../helpers.js';

// paths(excludeLabels:, excludeTypes:): keeping quotes (or any label, or link type) out of the
// paths between two entities, on the seed graph.

const t = useTestApp();

const PATHS = `query ($from: String!, $to: String!, $labels: [EntityLabel!], $types: [RelationType!]) {
  paths(from: $from, to: $to, maxHops: 4, first: 10, excludeLabels: $labels, excludeTypes: $types) {
    length nodes { key label } relationships { type }
  }
}`;

interface Found {
  paths: { length: number; nodes: { key: string; label: string }[]; relationships: { type: string }[] }[];
}

const inner = (path: Found['paths'][number]) => path.nodes.slice(1, -1);

describe('paths excluding labels and relationship types', () => {
  it('bytedance to hopper runs through a quote unless quotes are excluded; then no path passes one', async () => {
    const all = await execute<Found>(t.app, PATHS, { from: 'bytedance', to: 'hopper' });
    expect(all.errors).toBeUndefined();
    expect(all.data!.paths.some((path) => inner(path).some((node) => node.label === 'Quote'))).toBe(true);

    const without = await execute<Found>(t.app, PATHS, { from: 'bytedance', to: 'hopper', labels: ['Quote'] });
    expect(without.errors).toBeUndefined();
    expect(without.data!.paths.length).toBeGreaterThan(0);
    for (const path of without.data!.paths) {
      expect(inner(path).map((node) => node.label)).not.toContain('Quote');
      expect(path.relationships.map((r) => r.type)).not.toContain('ABOUT');
    }
    // Every path the unfiltered answer had without a quote is still there.
    const key = (path: Found['paths'][number]) => path.nodes.map((node) => node.key).join('>');
    const quoteFree = all.data!.paths.filter((path) => !inner(path).some((node) => node.label === 'Quote'));
    expect(without.data!.paths.map(key)).toEqual(expect.arrayContaining(quoteFree.map(key)));
  });

  it('excludes relationship types, and never the two ends themselves', async () => {
    const noAbout = await execute<Found>(t.app, PATHS, { from: 'bytedance', to: 'hopper', types: ['ABOUT'] });
    expect(noAbout.errors).toBeUndefined();
    for (const path of noAbout.data!.paths) expect(path.relationships.map((r) => r.type)).not.toContain('ABOUT');

    const { data } = await execute<{ quotes: { edges: { node: { key: string } }[] } }>(t.app, '{ quotes(first: 1) { edges { node { key } } } }');
    const quote = data!.quotes.edges[0]!.node.key;
    const fromQuote = await execute<Found>(t.app, PATHS, { from: quote, to: 'bytedance', labels: ['Quote'] });
    expect(fromQuote.errors).toBeUndefined();
    for (const path of fromQuote.data!.paths) {
      expect(path.nodes[0]!.key).toBe(quote);
      expect(inner(path).map((node) => node.label)).not.toContain('Quote');
    }
  });

  it('refuses an unknown relationship type or label before anything runs, naming it', async () => {
    const badType = await execute(t.app, PATHS, { from: 'bytedance', to: 'hopper', types: ['ABOUT', 'LIKES'] });
    // A relationship type is an enum: GraphQL refuses an unknown one while reading the variables.
    expect(badType.data ?? null).toBeNull();
    expect(badType.errors![0]!.message).toMatch(/"LIKES" does not exist in "RelationType" enum/);
    const inline = await execute(t.app, '{ paths(from: "bytedance", to: "hopper", excludeTypes: [ABOUTS]) { length } }');
    expect(errorCodes(inline)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    expect(inline.errors![0]!.message).toMatch(/ABOUTS.*Did you mean.*ABOUT/s);

    const badLabel = await execute(t.app, '{ paths(from: "bytedance", to: "hopper", excludeLabels: [Quotes]) { length } }');
    expect(errorCodes(badLabel)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    expect(badLabel.errors![0]!.message).toMatch(/Quotes.*Did you mean.*Quote/s);
  });
});

describe('paths follow links between entities by their types', () => {
  it('REPORTED is the only type that leaves the entities, and every link between two entities has a type paths follow', async () => {
    const leaving = await t.db.read<{ type: string }>('MATCH (:Entity)-[r]-(n) WHERE NOT n:Entity RETURN DISTINCT type(r) AS type');
    expect(leaving.map((row) => row.type)).toEqual(['REPORTED']);
    expect(ENTITY_LINK_TYPES).not.toContain('REPORTED');
    const between = await t.db.read<{ type: string }>('MATCH (:Entity)-[r]->(:Entity) RETURN DISTINCT type(r) AS type ORDER BY type');
    expect(between.length).toBeGreaterThan(10);
    for (const { type } of between) expect(ENTITY_LINK_TYPES).toContain(type);
  });
});
