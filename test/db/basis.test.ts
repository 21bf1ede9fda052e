import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { execute, useTestApp } from '../helpers.js';

// Issue 18: what a source states, what the curators inferred and what only the curators know must
// never pass for one another (item 4, N3), and what the curators noted on a quote is served (item 11, N1).

const seed = (file: string) => JSON.parse(readFileSync(new URL(`../../seed/data/${file}`, import.meta.url), 'utf8')) as Record<string, any>[];
const curatorSources = new Set(
  seed('sources.json')
    .filter((s) => s.kind === 'CURATOR_KNOWLEDGE')
    .map((s) => s.key as string),
);
const curatorLinks = seed('relationships.json').filter((r) => !r.derived && r.sources.every((s: string) => curatorSources.has(s)));

const t = useTestApp();

describe("links the curators' general knowledge alone supports (N3)", () => {
  it('exist in the seed, so that this suite tests something', () => {
    expect(curatorLinks.length).toBeGreaterThan(0);
  });

  it.each(curatorLinks.map((r) => [`${r.from} ${r.type} ${r.to}`, r]))('%s: basis CURATOR, and never among stated links', async (_name, link) => {
    const query = `query ($from: String!, $to: String!, $stated: Boolean!) {
      paths(from: $from, to: $to, maxHops: 1, includeDerived: $stated) { relationships { type basis derived sources { key } } } }`;
    const all = await execute(t.app, query, { from: link.from, to: link.to, stated: true });
    expect(all.errors).toBeUndefined();
    expect(all.data!.paths.flatMap((p: any) => p.relationships)).toContainEqual({
      type: link.type,
      basis: 'CURATOR',
      derived: false,
      sources: link.sources.map((key: string) => ({ key })),
    });
    const stated = await execute(t.app, query, { from: link.from, to: link.to, stated: false });
    expect(stated.data!.paths.flatMap((p: any) => p.relationships).filter((r: any) => r.type === link.type)).toEqual([]);
  });

  it('keeps a stated-only path from going through them (Xu Dong works for Alibaba Cloud, which only the curators make a subsidiary of Alibaba)', async () => {
    const query = `query ($stated: Boolean!) { paths(from: "xu-dong", to: "alibaba", maxHops: 2, includeDerived: $stated) {
      relationships { type basis } } }`;
    const any = await execute(t.app, query, { stated: true });
    expect(any.data!.paths.map((p: any) => p.relationships.map((r: any) => `${r.type}:${r.basis}`))).toContainEqual([
      'WORKS_FOR:STATED',
      'SUBSIDIARY_OF:CURATOR',
    ]);
    const stated = await execute(t.app, query, { stated: false });
    for (const path of stated.data!.paths) for (const r of path.relationships) expect(r.basis).toBe('STATED');
  });

  it('serve basis on every link the neighbourhood draws: STATED, DERIVED or CURATOR, consistent with derived', async () => {
    const { data, errors } = await execute(t.app, '{ neighborhood(key: "amazon", depth: 1) { relationships { type basis derived from { key } } } }');
    expect(errors).toBeUndefined();
    for (const r of data!.neighborhood.relationships) expect(r.basis).toBe(r.derived ? 'DERIVED' : r.type === 'SUBSIDIARY_OF' ? 'CURATOR' : 'STATED');
    expect(data!.neighborhood.relationships).toContainEqual({ type: 'SUBSIDIARY_OF', basis: 'CURATOR', derived: false, from: { key: 'aws' } });
  });
});

describe('quote notes (N1)', () => {
  const quotes = seed('quotes.json');

  it('serves every note the seed gives a quote, and null where it gives none', async () => {
    const { data, errors } = await execute(t.app, '{ quotes(first: 100) { totalCount edges { node { key note } } } }');
    expect(errors).toBeUndefined();
    const served = new Map(data!.quotes.edges.map((e: any) => [e.node.key, e.node.note]));
    for (const quote of quotes) expect(served.get(quote.key), quote.key).toBe(quote.note ?? null);
    expect(quotes.filter((q) => q.note).length).toBeGreaterThan(20);
  });

  it('serves the sentence a quote was cut from, cleaned, in both scripts and in English', async () => {
    const { data } = await execute(
      t.app,
      `{ quotes(speaker: "jensen-huang") { edges { node { key evidence simplified: evidence(script: SIMPLIFIED) evidenceEn } } } }`,
    );
    const gtc = data!.quotes.edges.map((e: any) => e.node).find((q: any) => q.key === 'jensen-huang-2025-03-gtc-scaling-law');
    expect(gtc.evidence).toContain('算力將增加100倍');
    expect(gtc.evidence).not.toContain('(shù)');
    expect(gtc.simplified).toContain('算力将增加100倍');
    expect(gtc.evidenceEn).toMatch(/100-fold|100 times/);
  });
});
