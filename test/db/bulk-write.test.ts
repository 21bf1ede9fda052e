import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.js';
import { importFiles } from '../../src/ingest/index.js';
import { testDatabase } from '../helpers.js';

// The write path's cost in statements (src/ingest/write.ts): one per batch of 1,000 items, not one
// per item, and no claim read back for what only the write itself states. Counted, not timed.

const OMDIA = 'omdia-2024-hopper-buyers';
const TD_COWEN = 'td-cowen-2025-03-microsoft-leases';
let db: Database;
let dir: string;

beforeAll(async () => {
  db = testDatabase();
  dir = await mkdtemp(path.join(tmpdir(), 'atlas-bulk-write-'));
});

afterAll(async () => {
  await db.write("MATCH (n) WHERE n.key STARTS WITH 'test-bulk' OR n.target STARTS WITH 'test-bulk' DETACH DELETE n");
  await db.close();
  await rm(dir, { recursive: true, force: true });
});

/** `count` companies from `first` on, each buying H20s, all stated by `source`; the statements the import sent. */
async function importCompanies(first: number, count: number, source: string): Promise<string[]> {
  const sub = await mkdtemp(path.join(dir, 'set-'));
  const keys = Array.from({ length: count }, (_, i) => `test-bulk-co-${first + i}`);
  const companies = keys.map((key, i) => ({
    key,
    label: 'Company',
    name: `Bulk Co ${first + i}`,
    kind: 'AI_LAB',
    sources: [source],
    evidence: `${key} exists.`,
  }));
  const links = keys.map((key) => ({ type: 'BUYS', from: key, to: 'h20', properties: { period: '2024' }, sources: [source], evidence: `${key} buys H20s.` }));
  await writeFile(path.join(sub, 'companies.json'), JSON.stringify(companies));
  await writeFile(path.join(sub, 'relationships.json'), JSON.stringify(links));
  const sent: string[] = [];
  const stop = db.onQuery((event) => sent.push(event.cypher));
  try {
    await importFiles(db, [path.join(sub, 'companies.json'), path.join(sub, 'relationships.json')]);
  } finally {
    stop();
  }
  return sent;
}

const readsClaimsBack = (statements: string[]) => statements.filter((cypher) => cypher.includes('MATCH (c:Claim {kind: $kind})')).length;

describe('bulk writes', () => {
  it('sends one statement per batch of 1,000 items, and reads no claim back for what only it states', async () => {
    const small = await importCompanies(1, 10, OMDIA);
    const large = await importCompanies(100, 2_500, OMDIA);
    // 2,500 companies and 2,500 links are three batches each where 10 are one.
    expect(large.length - small.length).toBe(4);
    expect(readsClaimsBack(large)).toBe(0);
    const [node] = await db.read<{ sources: string[]; evidence: string[]; supportCount: number }>(
      `MATCH (c:Company {key: 'test-bulk-co-2599'})-[r:BUYS]->() RETURN c.sources AS sources, c.evidence AS evidence, r.supportCount AS supportCount`,
    );
    expect(node).toEqual({ sources: [OMDIA], evidence: ['test-bulk-co-2599 exists.'], supportCount: 1 });
  });

  it('projects what other sources state too from all their claims', async () => {
    const second = await importCompanies(1, 10, TD_COWEN);
    // Once for the companies, once for their links.
    expect(readsClaimsBack(second)).toBe(2);
    const [node] = await db.read<{ sources: string[]; evidence: string[]; supportCount: number }>(
      `MATCH (c:Company {key: 'test-bulk-co-1'})-[r:BUYS]->() RETURN c.sources AS sources, c.evidence AS evidence, r.supportCount AS supportCount`,
    );
    expect(node).toEqual({ sources: [OMDIA, TD_COWEN], evidence: ['test-bulk-co-1 exists.'], supportCount: 2 });
  });
});
