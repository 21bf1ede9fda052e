import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execute, useTestApp } from '../helpers.js';

// A spelling that is exactly one of an entity's names or aliases, in any case, earns the exact-name
// bonus (100 on the score); the names are found in their own index, so one holding the characters
// of Lucene's regular expressions must still match as written.

const atlas = useTestApp();

const SEARCH = `query ($text: String!) { search(text: $text, first: 10) { edges { score node { key } } } }`;

const KEYS = ['test-exact-zyxqua', 'test-exact-zyxqua-group'];

beforeAll(async () => {
  await atlas.db.write(
    `CREATE (:Entity:Company {key: $keys[0], name: 'Zyxqua (Holdings) Co.', nameZh: '齊克華控股', aliases: ['ZQ/Net+', 'Zyx.Qua'], kind: 'OTHER', sources: []})
     CREATE (:Entity:CompanyGroup {key: $keys[1], name: 'Zyxqua Holdings and partners', sources: []})`,
    { keys: KEYS },
  );
});

afterAll(async () => {
  await atlas.db.write('MATCH (n:Entity) WHERE n.key IN $keys DETACH DELETE n', { keys: KEYS });
});

async function scores(text: string): Promise<Record<string, number>> {
  const { data, errors } = await execute(atlas.app, SEARCH, { text });
  expect(errors, text).toBeUndefined();
  return Object.fromEntries(data!.search.edges.map((edge: { score: number; node: { key: string } }) => [edge.node.key, edge.score]));
}

describe('the exact-name bonus', () => {
  it.each([
    ['the name in another case, with brackets and a dot', 'ZYXQUA (HOLDINGS) CO.'],
    ['an alias with a slash and a plus', 'zq/net+'],
    ['an alias with a dot', 'zyx.qua'],
    ['the Chinese name, also in simplified script', '齐克华控股'],
  ])('is given for %s', async (_what, text) => {
    const found = await scores(text);
    expect(found[KEYS[0]!], text).toBeGreaterThanOrEqual(100);
    expect(found[KEYS[1]!] ?? 0, text).toBeLessThan(100);
  });

  it('is not given for a word of a name, nor for a name with more around it', async () => {
    for (const text of ['zyxqua', 'Zyxqua (Holdings) Co. Ltd', 'holdings co']) {
      const found = await scores(text);
      expect(Object.keys(found), text).toContain(KEYS[0]);
      expect(Math.max(...Object.values(found)), text).toBeLessThan(100);
    }
  });

  it('ranks the entity so named first, above one whose name shares its words', async () => {
    const { data } = await execute(atlas.app, SEARCH, { text: 'Zyxqua (Holdings) Co.' });
    expect(data!.search.edges.map((edge: { node: { key: string } }) => edge.node.key).slice(0, 2)).toEqual(KEYS);
  });
});
