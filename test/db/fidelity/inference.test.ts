import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SEED_DATA_DIR } from '../../../src/ingest/seed.js';
import { execute, useTestApp } from '../../helpers.js';
import { ARTICLE, articleText, seedItems } from './seed-files.js';

// Inference marked and bounded: derived links rest on the article's sentences and say no more
// than it does, exposure can be asked of stated links only, and a derived link's date is its note's.

const t = useTestApp();

describe('derived links', () => {
  it('rest on at least one supporting sentence, each verbatim in the article they cite', async () => {
    const article = await articleText();
    const rows = await t.db.read<{ link: string; evidence: string[] | null; sources: string[] }>(
      `MATCH (a)-[r]->(b) WHERE r.derived = true
       RETURN a.key + ' ' + type(r) + ' ' + b.key AS link, r.evidence AS evidence, r.sources AS sources`,
    );
    expect(rows.length).toBeGreaterThan(20);
    for (const row of rows) {
      expect(row.evidence?.length ?? 0, row.link).toBeGreaterThan(0);
      if (row.sources.includes(ARTICLE)) for (const sentence of row.evidence!) expect(article.includes(sentence), `${row.link}: ${sentence}`).toBe(true);
    }
    // In the files too: a derived link gives its reasoning.
    const derived = (await seedItems()).filter(({ file, item }) => file === 'relationships' && item.derived);
    for (const { item } of derived) {
      expect(Array.isArray(item.evidence) && item.evidence.length > 0, `${item.from} ${item.type} ${item.to}`).toBe(true);
      expect(item.note, `${item.from} ${item.type} ${item.to}`).toBeTruthy();
    }
  });

  it('never give a derived DEPENDS_ON a strength or uses the article does not state', async () => {
    const rows = await t.db.read<{ from: string; to: string; keys: string[] }>(
      `MATCH (a)-[r:DEPENDS_ON]->(b) WHERE r.derived = true RETURN a.key AS from, b.key AS to, keys(r) AS keys ORDER BY from`,
    );
    expect(rows.map((r) => `${r.from}->${r.to}`)).toEqual(['alibaba->h20', 'bytedance->h20', 'tencent->h20']);
    for (const row of rows) {
      expect(row.keys).not.toContain('strength');
      expect(row.keys).not.toContain('uses');
    }
  });

  it('do not say the export controls restrict the H100 or H200, nor that the shelved H20 idea amends them', async () => {
    const restricts = await t.db.read<{ to: string }>(`MATCH (:Policy {key: 'us-export-controls-ai-chips'})-[:RESTRICTS]->(n) RETURN n.key AS to ORDER BY to`);
    expect(restricts.map((r) => r.to)).not.toContain('h100');
    expect(restricts.map((r) => r.to)).not.toContain('h200');
    const amends = await t.db.read(`MATCH (:Policy {key: 'us-h20-export-restriction'})-[r:AMENDS]->() RETURN r`);
    expect(amends).toEqual([]);
    // The shelved idea is still captured as a threat to the H20.
    const threatens = await t.db.read<{ to: string }>(`MATCH (:Policy {key: 'us-h20-export-restriction'})-[:THREATENS]->(n) RETURN n.key AS to ORDER BY to`);
    expect(threatens.map((r) => r.to)).toContain('h20');
  });
});

describe('exposure from stated links only', () => {
  it('names no firm for the H100 under export controls, and only stated bases for any answer', async () => {
    const { data, errors } = await execute(
      t.app,
      `{ h100: exposure(chip: "h100", policyKinds: [EXPORT_CONTROL], includeDerived: false) { basis company { key } paths { relationships { derived } } }
         h100all: exposure(chip: "h100", policyKinds: [EXPORT_CONTROL]) { company { key } } }`,
    );
    expect(errors).toBeUndefined();
    for (const e of data!.h100) {
      expect(e.basis).toBe('STATED');
      expect(e.paths.flatMap((p: any) => p.relationships).every((r: any) => !r.derived)).toBe(true);
    }
    // What it returns: nothing. The article never says the controls restrict the H100 (it lists
    // the H100/H800 among advanced chips shipped in the China market), so no firm is exposed to it.
    expect(data!.h100.map((e: any) => e.company.key)).toEqual([]);
    expect(data!.h100all).toEqual([]);
  });
});

describe("Microsoft's withdrawn leases (review 2, N8)", () => {
  it("are dated in the derived link's note, as seed/README.md says: the half-year before TD Cowen's late-March 2025 report", async () => {
    const [link] = await t.db.read<{ note: string; derived: boolean }>(
      `MATCH (:Policy {key: 'microsoft-dc-investment-pause'})-[r:TARGETS]->(:DataCenter {key: 'microsoft-withdrawn-dc-leases'}) RETURN r.note AS note, r.derived AS derived`,
    );
    expect(link!.derived).toBe(true);
    expect(link!.note).toContain('近半年');
    expect(link!.note).toMatch(/late March 2025/);
    expect(await readFile(path.join(SEED_DATA_DIR, '..', 'README.md'), 'utf8')).toMatch(/note dates TD Cowen's half-year/);
  });
});
