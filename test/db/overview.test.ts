import { describe, expect, it } from 'vitest';
import { ENTITY_LABELS } from '../../src/core/model.js';
import { countRoundTrips, errorCodes, execute, useTestApp } from '../helpers.js';

// Browsing without a search word: the overview's counts are the graph's, read in one statement, and
// every label can be listed by name, page after page.

const atlas = useTestApp();

const OVERVIEW = '{ overview { entities { label count } sources { kind count } relationships graphVersion updatedAt } graphVersion }';

describe('overview', () => {
  it('counts every label, the sources by kind and the relationships as Cypher does, at the current graph version', async () => {
    const { data, errors } = await execute(atlas.app, OVERVIEW);
    expect(errors).toBeUndefined();
    const { overview, graphVersion } = data!;
    expect(overview.entities.map((c: { label: string }) => c.label)).toEqual([...ENTITY_LABELS]);
    for (const { label, count } of overview.entities) {
      const [row] = await atlas.db.read<{ count: number }>(`MATCH (n:${label}) RETURN count(n) AS count`);
      expect(count, label).toBe(row!.count);
    }
    expect(overview.entities.find((c: { label: string }) => c.label === 'Company').count).toBeGreaterThan(10);

    const kinds = await atlas.db.read<{ kind: string; count: number }>('MATCH (s:Source) RETURN s.kind AS kind, count(*) AS count ORDER BY kind');
    expect(overview.sources).toEqual(kinds);
    const [links] = await atlas.db.read<{ count: number }>('MATCH (:Entity)-[r]->(:Entity) RETURN count(r) AS count');
    const [intoEntities] = await atlas.db.read<{ count: number }>('MATCH ()-[r]->(:Entity) RETURN count(r) AS count');
    expect(overview.relationships).toBe(intoEntities!.count);
    expect(overview.relationships).toBeGreaterThanOrEqual(links!.count);

    expect(overview.graphVersion).toBe(graphVersion);
    expect(Number.isNaN(Date.parse(overview.updatedAt))).toBe(false);
  });

  it('is one database statement', async () => {
    expect(await countRoundTrips(atlas.db, () => execute(atlas.app, '{ overview { entities { count } relationships graphVersion } }'))).toBe(1);
  });
});

const ENTITIES = `query ($label: EntityLabel!, $first: Int, $after: String, $nameContains: String) {
  entities(label: $label, first: $first, after: $after, nameContains: $nameContains) {
    totalCount pageInfo { hasNextPage endCursor } edges { node { key name label } }
  }
}`;

describe('entities', () => {
  it.each(['Person', 'Country', 'ChipFamily', 'Organization', 'Company'])('lists every %s by name, page after page, each once', async (label) => {
    const keys: string[] = [];
    const names: string[] = [];
    let after: string | null = null;
    let total = 0;
    do {
      const { data, errors }: { data?: any; errors?: unknown } = await execute(atlas.app, ENTITIES, { label, first: 3, after });
      expect(errors).toBeUndefined();
      total = data.entities.totalCount;
      for (const { node } of data.entities.edges) {
        expect(node.label).toBe(label);
        keys.push(node.key);
        names.push(node.name);
      }
      after = data.entities.pageInfo.hasNextPage ? data.entities.pageInfo.endCursor : null;
    } while (after);
    const [row] = await atlas.db.read<{ count: number }>(`MATCH (n:${label}) RETURN count(n) AS count`);
    expect(keys.length).toBe(row!.count);
    expect(total).toBe(row!.count);
    expect(new Set(keys).size).toBe(keys.length);
    expect(names).toEqual([...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
  });

  it('filters by a part of any name', async () => {
    const { data } = await execute(atlas.app, ENTITIES, { label: 'Company', nameContains: '字节' });
    expect(data!.entities.edges.map((e: { node: { key: string } }) => e.node.key)).toContain('bytedance');
  });

  it('answers a coded error naming each bad argument', async () => {
    const bad = [
      [{ label: 'Company', first: -1 }, 'first'],
      [{ label: 'Company', after: 'not-a-cursor' }, 'after'],
      [{ label: 'Company', nameContains: 'x'.repeat(101) }, 'nameContains'],
    ] as const;
    for (const [variables, argument] of bad) {
      const response = await execute(atlas.app, ENTITIES, variables);
      expect(errorCodes(response), argument).toEqual(['BAD_USER_INPUT']);
      expect(response.errors![0]!.extensions!.argument).toBe(argument);
    }
    const cursorOfAnother = await execute(atlas.app, ENTITIES, { label: 'Person', first: 1 });
    const reused = await execute(atlas.app, ENTITIES, { label: 'Company', after: cursorOfAnother.data!.entities.pageInfo.endCursor });
    expect(errorCodes(reused)).toEqual(['BAD_USER_INPUT']);
    const unknownLabel = await execute(atlas.app, ENTITIES, { label: 'Planet' });
    expect(unknownLabel.errors?.[0]?.message).toContain('Planet');
  });
});
