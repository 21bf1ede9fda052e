import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toGexf, toGraphML, writeCsvExport, writeJsonExport } from '../../src/export/formats.js';
import type { ExportedGraph } from '../../src/export/items.js';
import { exportGraph } from '../../src/export/read.js';
import { execute, useTestApp } from '../helpers.js';

// The export as the tools people open it with read it: NetworkX (Python) for GraphML and GEXF,
// libxml2's xmllint against the official GEXF 1.3 schema (test/fixtures/gexf/), csv-parse for the
// CSV. What they read is compared with what the API answers over the same graph.

const GEXF_SCHEMA = path.resolve(import.meta.dirname, '../fixtures/gexf/gexf.xsd');
const testApp = useTestApp();
let workDir: string;
let graph: ExportedGraph;

interface Read {
  nodes: Record<string, Record<string, unknown>>;
  edges: [string, string, Record<string, unknown>][];
}

/** The file as NetworkX reads it (read_graphml or read_gexf), nodes and edges with their data. */
function readWithNetworkX(reader: 'read_graphml' | 'read_gexf', file: string): Read {
  const script = `import sys, json, networkx as nx
g = nx.${reader}(sys.argv[1])
print(json.dumps({"nodes": dict(g.nodes(data=True)), "edges": [[u, v, d] for u, v, d in g.edges(data=True)]}))`;
  return JSON.parse(execFileSync('python3', ['-c', script, file], { maxBuffer: 256 * 1024 * 1024 }).toString()) as Read;
}

const API_QUERY = `{
  graphVersion
  company(key: "microsoft") {
    name
    financials(metric: CAPEX, period: "2024") { value unit }
    chips { family { key } evidenceEn evidenceVerbatim evidence }
  }
}`;
interface ApiAnswer {
  graphVersion: string;
  company: {
    name: string;
    financials: { value: number; unit: string }[];
    chips: { family: { key: string } | null; evidenceEn: string | null; evidenceVerbatim: string; evidence: string }[];
  };
}
let api: ApiAnswer;
let hopper: ApiAnswer['company']['chips'][number];

beforeAll(async () => {
  workDir = await mkdtemp(path.join(tmpdir(), 'atlas-export-readers-'));
  graph = await exportGraph(testApp.db);
  const answer = await execute<ApiAnswer>(testApp.app, API_QUERY);
  expect(answer.errors).toBeUndefined();
  api = answer.data!;
  hopper = api.company.chips.find((use) => use.family?.key === 'hopper')!;
  expect(hopper.evidenceEn).toBeTruthy();
});

afterAll(() => rm(workDir, { recursive: true, force: true }));

/** Nodes and edges the graph files must hold: entities, sources and quotes; stated links plus each quote's SAID and ABOUT. */
async function graphCounts() {
  const [row] = await testApp.db.read<{ nodes: number; links: number }>(
    `MATCH (n:Entity) WITH count(n) AS nodes
     MATCH (:Entity)-[r]->(:Entity) RETURN nodes, count(r) AS links`,
  );
  return { nodes: row!.nodes, edges: row!.links };
}

describe.each([
  ['GraphML', 'read_graphml', 'atlas.graphml', toGraphML],
  ['GEXF', 'read_gexf', 'atlas.gexf', toGexf],
] as const)('%s export read by NetworkX', (_format, reader, fileName, write) => {
  let read: Read;
  beforeAll(async () => {
    const file = path.join(workDir, fileName);
    await writeFile(file, write(graph));
    read = readWithNetworkX(reader, file);
  });

  it('holds every node and link of the graph', async () => {
    const { nodes, edges } = await graphCounts();
    expect(Object.keys(read.nodes)).toHaveLength(nodes);
    expect(read.edges).toHaveLength(edges);
  });

  it("labels each node with the entity's name and keeps its type as a column", () => {
    expect(read.nodes.microsoft).toMatchObject({ label: api.company.name, type: 'Company' });
    expect(read.nodes.hopper).toMatchObject({ type: 'ChipFamily' });
  });

  it("writes figures as numeric node columns equal to the API's", () => {
    const [capex] = api.company.financials;
    expect(read.nodes.microsoft!.CAPEX_2024).toBe(capex!.value);
    expect(read.nodes.microsoft!.CAPEX_2024_unit).toBe(capex!.unit);
  });

  it('gives each link its evidence verbatim, cleaned and in English, as the API does', () => {
    const buys = read.edges.filter(([from, to, data]) => from === 'microsoft' && to === 'hopper' && data.type === 'BUYS');
    expect(buys).toHaveLength(1);
    const [, , data] = buys[0]!;
    expect(data.evidenceEn).toBe(hopper.evidenceEn);
    expect(data.evidence).toBe(hopper.evidenceVerbatim);
    expect(data.evidenceClean).toBe(hopper.evidence);
    expect(JSON.parse(String(data.sources))).toContain('caijing-2025-us-cn-ai-compute-capex');
  });
});

describe('GEXF export', () => {
  it('validates against the official GEXF 1.3 schema', async () => {
    const file = path.join(workDir, 'valid.gexf');
    await writeFile(file, toGexf(graph));
    expect(execFileSync('xmllint', ['--noout', '--schema', GEXF_SCHEMA, file], { stdio: 'pipe' }).toString()).toBe('');
  });

  it('fails that validation when the file breaks the schema (the check is real)', async () => {
    const file = path.join(workDir, 'invalid.gexf');
    await writeFile(file, toGexf(graph).replace('<nodes', '<vertices/><nodes'));
    expect(() => execFileSync('xmllint', ['--noout', '--schema', GEXF_SCHEMA, file], { stdio: 'pipe' })).toThrow(/fails to validate/);
  });
});

describe('CSV export', () => {
  it('starts every file with a BOM, and puts the names beside the keys of each link', async () => {
    const out = path.join(workDir, 'csv');
    const files = await writeCsvExport(graph, out);
    for (const file of files) expect((await readFile(file)).subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const rows = parse(await readFile(path.join(out, 'relationships-buys.csv')), { bom: true, columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(graph.relationships.filter((r) => r.type === 'BUYS').length);
    const names = new Map(graph.entities.map((e) => [e.key, e.name]));
    for (const row of rows) expect([row.fromName, row.toName]).toEqual([names.get(row.from!), names.get(row.to!)]);
    const buys = rows.find((row) => row.from === 'microsoft' && row.to === 'hopper')!;
    expect(buys.fromName).toBe(api.company.name);
    expect([buys.evidenceClean, buys.evidenceEn]).toEqual([hopper.evidence, hopper.evidenceEn]);
    expect(Object.keys(buys).slice(0, 5)).toEqual(['type', 'from', 'fromName', 'to', 'toName']);
  });
});

describe('JSON export', () => {
  it('carries the cleaned and English evidence beside the verbatim', async () => {
    const out = path.join(workDir, 'json');
    await writeJsonExport(graph, out);
    const relationships = JSON.parse(await readFile(path.join(out, 'relationships.json'), 'utf8')) as Record<string, unknown>[];
    expect(relationships).toHaveLength(graph.relationships.length);
    const buys = relationships.find((r) => r.type === 'BUYS' && r.from === 'microsoft' && r.to === 'hopper')!;
    expect(buys).toMatchObject({ fromName: api.company.name, evidenceClean: hopper.evidence, evidenceEn: hopper.evidenceEn });
    expect((buys.evidence as string[]).join('\n')).toBe(hopper.evidenceVerbatim);
  });
});
