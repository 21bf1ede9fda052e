import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadSeed } from '../../src/ingest/seed.js';
import { Database } from '../../src/db/database.js';
import { startEmbeddedNeo4j, type EmbeddedNeo4j } from '../../src/db/embedded.js';
import { toGraphML, writeCsvExport, writeJsonExport } from '../../src/export/formats.js';
import { exportGraph } from '../../src/export/read.js';
import { importFiles } from '../../src/ingest/index.js';
import { STATED_RELATIONSHIP_TYPES } from '../../src/core/model.js';

// This suite empties its database between steps, so it runs its own embedded Neo4j rather than
// the shared one, whatever NEO4J_URI says.
const PASSWORD = 'export-test-password';
const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const PRIMARY_SOURCE = 'caijing-2025-us-cn-ai-compute-capex';
let workDir: string;
let neo4j: EmbeddedNeo4j | undefined;
let db: Database;

beforeAll(async () => {
  workDir = await mkdtemp(path.join(tmpdir(), 'atlas-export-'));
  neo4j = await startEmbeddedNeo4j({ dataDir: path.join(workDir, 'neo4j'), boltPort: 0, password: PASSWORD, heap: '512m' });
  db = new Database({ uri: neo4j.uri, user: 'neo4j', password: PASSWORD, database: 'neo4j', queryTimeoutMs: 30_000, connectTimeoutMs: 5_000 });
});

afterAll(async () => {
  await db?.close();
  await neo4j?.stop();
  await rm(workDir, { recursive: true, force: true });
});

beforeEach(async () => {
  await wipe();
  await loadSeed(db);
});

const wipe = () => db.write('MATCH (n) DETACH DELETE n');
const tempDir = () => mkdtemp(path.join(workDir, 'out-'));

/** Nodes per label and relationships per type. */
async function counts() {
  const labels = await db.read<{ label: string; count: number }>(
    'MATCH (n) WHERE NOT n:ChangeSet AND NOT n:GraphState UNWIND labels(n) AS label RETURN label, count(*) AS count ORDER BY label',
  );
  const types = await db.read<{ type: string; count: number }>('MATCH ()-[r]->() RETURN type(r) AS type, count(*) AS count ORDER BY type');
  return { labels, types };
}

/**
 * Every node (claims included) and relationship with all its properties, in a stable order. The
 * history of writes is left out: an import is a new write, recorded as such.
 */
async function snapshot() {
  const nodes = await db.read('MATCH (n) WHERE NOT n:ChangeSet AND NOT n:GraphState RETURN labels(n) AS labels, properties(n) AS properties ORDER BY n.key');
  const relationships = await db.read('MATCH (a)-[r]->(b) RETURN a.key AS from, type(r) AS type, b.key AS to, properties(r) AS properties ORDER BY r.key');
  return { nodes, relationships };
}

async function buysHopper() {
  const [row] = await db.read<{ evidence: string[]; sources: string[] }>(
    `MATCH (:Company {key: 'microsoft'})-[r:BUYS]->(:ChipFamily {key: 'hopper'}) RETURN r.evidence AS evidence, r.sources AS sources`,
  );
  return row;
}

describe('JSON export', () => {
  it('round-trips the whole graph through an empty database', async () => {
    const before = await counts();
    const contents = await snapshot();
    const sample = await buysHopper();
    expect(sample?.evidence[0]).toContain('48.5萬枚');

    const files = await writeJsonExport(await exportGraph(db), await tempDir());
    expect(files.map((f) => path.basename(f))).toEqual(['sources.json', 'entities.json', 'relationships.json', 'facts.json', 'quotes.json']);
    await wipe();
    expect((await counts()).labels).toEqual([]);
    await importFiles(db, files);

    expect(await counts()).toEqual(before);
    expect(await buysHopper()).toEqual(sample);
    // Every property of every node and link, the primary source's full text included.
    expect(await snapshot()).toEqual(contents);
  });

  it('exports a neighbourhood that imports on its own', async () => {
    const [{ neighbours } = { neighbours: [] }] = await db.read<{ neighbours: string[] }>(
      `MATCH (:Entity {key: 'bytedance'})-[r]-(n) WHERE type(r) IN $types RETURN collect(DISTINCT n.key) AS neighbours`,
      { types: STATED_RELATIONSHIP_TYPES },
    );
    expect(neighbours.length).toBeGreaterThan(5);
    const neighbourhood = new Set(['bytedance', ...neighbours]);

    const graph = await exportGraph(db, { center: { key: 'bytedance', depth: 1 } });
    const files = await writeJsonExport(graph, await tempDir());
    await wipe();
    const { dataset } = await importFiles(db, files);
    expect(dataset.quotes.length).toBeGreaterThan(0);
    expect(dataset.facts.length).toBeGreaterThan(0);

    const entities = await db.read<{ key: string }>('MATCH (n:Entity) WHERE NOT n:Source AND NOT n:Quote RETURN n.key AS key');
    const keys = new Set(entities.map((e) => e.key));
    for (const key of neighbourhood) expect(keys).toContain(key);
    // Beyond the neighbourhood, only entities that an exported item names in a property.
    const [{ named } = { named: [] }] = await db.read<{ named: string[] }>(
      `CALL () { MATCH (n:Entity) RETURN n.vendor AS key
                 UNION MATCH (f:FinancialFact) UNWIND [f.market, f.relativeTo, f.estimatedBy] AS key RETURN key }
       RETURN collect(key) AS named`,
    );
    const extra = [...keys].filter((key) => !neighbourhood.has(key));
    for (const key of extra) expect(named).toContain(key);

    // Every source is cited by something else that was exported.
    const [{ uncited } = { uncited: [] }] = await db.read<{ uncited: string[] }>(
      `MATCH (s:Source)
       WHERE NOT EXISTS { MATCH (n) WHERE n <> s AND (s.key IN n.sources OR n.estimatedBy = s.key) }
         AND NOT EXISTS { MATCH ()-[r]->() WHERE s.key IN r.sources }
       RETURN collect(s.key) AS uncited`,
    );
    expect(uncited).toEqual([]);
    const [{ sources } = { sources: 0 }] = await db.read<{ sources: number }>('MATCH (s:Source) RETURN count(s) AS sources');
    expect(sources).toBeGreaterThan(0);

    // Stated links stay among the neighbourhood; quotes keep only subjects that were exported.
    const links = await db.read<{ from: string; to: string }>('MATCH (a)-[r]->(b) WHERE type(r) IN $types RETURN a.key AS from, b.key AS to', {
      types: STATED_RELATIONSHIP_TYPES,
    });
    for (const { from, to } of links) expect([neighbourhood.has(from), neighbourhood.has(to)]).toEqual([true, true]);
  });

  it('leaves out a link whose end was deleted by hand, so no file names a node it does not hold', async () => {
    // The service retracts and never deletes; a node removed in plain Cypher leaves its links' claims behind.
    await db.write("MATCH (n:Entity {key: 'aws'}) DETACH DELETE n");
    const graph = await exportGraph(db);
    const keys = new Set([...graph.entities, ...graph.sources, ...graph.quotes].map((item) => item.key));
    const dangling = graph.relationships.filter((r) => !keys.has(r.from) || !keys.has(r.to));
    expect(dangling).toEqual([]);
    expect(graph.relationships.some((r) => r.type === 'BUYS' && r.from === 'microsoft')).toBe(true);
  });

  it('names an unknown centre', async () => {
    await expect(exportGraph(db, { center: { key: 'no-such-entity', depth: 1 } })).rejects.toThrow('no entity with key "no-such-entity"');
  });
});

/**
 * The snapshot without the change set and order each claim was written in: the tricky entity was
 * written after the seed, in a change set of its own, while the import writes everything in one.
 */
function withoutWriteOrder({ nodes, relationships }: Awaited<ReturnType<typeof snapshot>>) {
  const strip = (row: Record<string, unknown>) => {
    const { recordedIn, changedIn, seq, ...properties } = row.properties as Record<string, unknown>;
    return { ...row, properties };
  };
  return { nodes: nodes.map(strip), relationships: relationships.map(strip) };
}

describe('CSV export', () => {
  it('round-trips the whole graph through an empty database, tricky values included', async () => {
    const tricky = {
      key: 'comma-quote-co',
      label: 'Company',
      kind: 'OTHER',
      name: 'Comma, "Quote" | Pipe Co',
      aliases: ['A|B', 'C, "D"'],
      description: 'Line one, with a comma;\nline two has "quotes" and a | pipe.',
      sources: [PRIMARY_SOURCE],
    };
    const entityFile = path.join(await tempDir(), 'tricky.json');
    await writeFile(entityFile, JSON.stringify([tricky]));
    await importFiles(db, [entityFile]);
    const before = await counts();
    const contents = await snapshot();
    const sample = await buysHopper();
    const trickyBefore = await db.read('MATCH (c:Company {key: $key}) RETURN c.name AS name, c.aliases AS aliases, c.description AS description', {
      key: tricky.key,
    });
    expect(trickyBefore).toEqual([{ name: tricky.name, aliases: tricky.aliases, description: tricky.description }]);

    const out = await tempDir();
    const files = await writeCsvExport(await exportGraph(db), out);
    const names = files.map((f) => path.basename(f));
    expect(names).toEqual(expect.arrayContaining(['sources.csv', 'entities-company.csv', 'relationships-buys.csv', 'facts.csv', 'quotes.csv']));
    expect(existsSync(path.join(out, 'sources', `${PRIMARY_SOURCE}.txt`))).toBe(true);
    await wipe();
    expect((await counts()).labels).toEqual([]);
    await importFiles(db, files);

    expect(await counts()).toEqual(before);
    expect(withoutWriteOrder(await snapshot())).toEqual(withoutWriteOrder(contents));
    expect(await buysHopper()).toEqual(sample);
    expect(
      await db.read('MATCH (c:Company {key: $key}) RETURN c.name AS name, c.aliases AS aliases, c.description AS description', { key: tricky.key }),
    ).toEqual(trickyBefore);
  });
});

describe('GraphML export', () => {
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '',
    parseTagValue: false,
    isArray: (name) => ['key', 'node', 'edge', 'data'].includes(name),
  });
  interface Element {
    id: string;
    source?: string;
    target?: string;
    data?: { key: string; '#text': string }[];
  }
  const dataOf = (element: Element) => Object.fromEntries((element.data ?? []).map((d) => [d.key, d['#text']]));

  it('writes every node and link, with typed attributes and escaped text', async () => {
    const trickyName = `Smith & Sons <Chips> "Q" 'R'`;
    const entityFile = path.join(await tempDir(), 'tricky.json');
    await writeFile(
      entityFile,
      JSON.stringify([
        { key: 'smith-and-sons', label: 'Company', kind: 'OTHER', name: trickyName, description: 'Bell\u0007 ring\u0000s', sources: [PRIMARY_SOURCE] },
      ]),
    );
    await importFiles(db, [entityFile]);

    const xml = toGraphML(await exportGraph(db));
    expect(XMLValidator.validate(xml)).toBe(true);
    const document = parser.parse(xml) as {
      graphml: {
        key: { id: string; for: string; 'attr.name': string; 'attr.type': string }[];
        graph: { edgedefault: string; node: Element[]; edge: Element[] };
      };
    };
    const { key: keys, graph } = document.graphml;
    expect(graph.edgedefault).toBe('directed');

    const [{ nodes, edges } = { nodes: -1, edges: -1 }] = await db.read<{ nodes: number; edges: number }>(
      `MATCH (n:Entity) WITH count(n) AS nodes
       MATCH (:Entity)-[r]->(:Entity) RETURN nodes, count(r) AS edges`,
    );
    expect(graph.node).toHaveLength(nodes);
    expect(graph.edge).toHaveLength(edges);
    const ids = new Set(graph.node.map((n) => n.id));
    for (const edge of graph.edge) expect([ids.has(edge.source!), ids.has(edge.target!)]).toEqual([true, true]);

    const typeOf = (domain: string, name: string) => keys.find((k) => k.for === domain && k['attr.name'] === name)?.['attr.type'];
    expect([typeOf('node', 'label'), typeOf('node', 'type'), typeOf('node', 'nameZh'), typeOf('node', 'kind')]).toEqual([
      'string',
      'string',
      'string',
      'string',
    ]);
    expect([typeOf('edge', 'type'), typeOf('edge', 'evidence'), typeOf('edge', 'sources')]).toEqual(['string', 'string', 'string']);
    expect([typeOf('edge', 'derived'), typeOf('edge', 'units')]).toEqual(['boolean', 'double']);

    const keyId = (domain: string, name: string) => keys.find((k) => k.for === domain && k['attr.name'] === name)!.id;
    const buys = graph.edge
      .filter((e) => e.source === 'microsoft' && e.target === 'hopper')
      .map(dataOf)
      .find((data) => data[keyId('edge', 'type')] === 'BUYS');
    expect(buys?.[keyId('edge', 'evidence')]).toContain('微軟(48.5萬枚)');
    expect(JSON.parse(buys?.[keyId('edge', 'sources')] ?? '[]')).toEqual([PRIMARY_SOURCE, 'omdia-2024-hopper-buyers']);
    expect(Number(buys?.[keyId('edge', 'units')])).toBe(485000);

    const tricky = dataOf(graph.node.find((n) => n.id === 'smith-and-sons')!);
    expect([tricky[keyId('node', 'label')], tricky[keyId('node', 'type')]]).toEqual([trickyName, 'Company']);
    expect(tricky[keyId('node', 'description')]).toBe('Bell rings');
    expect(xml).toContain('Smith &amp; Sons &lt;Chips&gt; &quot;Q&quot; &apos;R&apos;');
  });
});

describe('npm run export', () => {
  const serviceEnv = () => ({ ...process.env, NEO4J_URI: neo4j!.uri, NEO4J_USER: 'neo4j', NEO4J_PASSWORD: PASSWORD, NEO4J_DATABASE: 'neo4j' });
  const run = (args: string[], env: NodeJS.ProcessEnv = serviceEnv()) =>
    new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
      const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/export.ts', ...args], { cwd: PROJECT_ROOT, env });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk) => (stdout += chunk));
      child.stderr.on('data', (chunk) => (stderr += chunk));
      child.on('error', reject);
      child.on('close', (code) => resolve({ code, stdout, stderr }));
    });

  it('writes GraphML and GEXF and says what it exported', async () => {
    for (const format of ['graphml', 'gexf']) {
      const out = path.join(await tempDir(), `atlas.${format}`);
      const { code, stdout, stderr } = await run(['--format', format, '--out', out]);
      expect(stderr).toBe('');
      expect(code).toBe(0);
      expect(existsSync(out)).toBe(true);
      expect(stdout).toMatch(/\d+ entities/);
    }
  }, 240_000);

  it('refuses a depth outside 1..3 and an unknown key', async () => {
    const out = path.join(await tempDir(), 'atlas.graphml');
    const deep = await run(['--format', 'graphml', '--out', out, '--key', 'bytedance', '--depth', '9']);
    expect(deep.code).not.toBe(0);
    expect(deep.stderr).toContain('--depth must be an integer from 1 to 3');

    const unknown = await run(['--format', 'json', '--out', out, '--key', 'no-such-entity']);
    expect(unknown.code).not.toBe(0);
    expect(unknown.stderr).toContain('no entity with key "no-such-entity"');
    expect(existsSync(out)).toBe(false);
  }, 120_000);

  it('says how to reach the running service when its data directory is in use', async () => {
    const out = await tempDir();
    // This suite's own Neo4j holds its data directory, as `npm start` holds .data/neo4j.
    const env: NodeJS.ProcessEnv = { ...process.env, NEO4J_DATA_DIR: path.join(workDir, 'neo4j'), NEO4J_PASSWORD: PASSWORD, NEO4J_BOLT_PORT: '0' };
    delete env.NEO4J_URI;
    const { code, stderr } = await run(['--format', 'csv', '--out', out], env);
    expect(code).toBe(1);
    expect(stderr).toContain("the embedded Neo4j's data directory");
    expect(stderr).toContain('is in use, probably by `npm start`: set NEO4J_URI=bolt://127.0.0.1:');
    expect(stderr).not.toMatch(/^\s+at /m);
  }, 120_000);
});
