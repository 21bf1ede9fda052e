import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { finished } from 'node:stream/promises';
import { parse } from 'csv-parse/sync';
import type { Database } from '../src/db/database.js';

/*
 * The synthetic file of `npm run bench:bulk-import` and the two floors the project's importer is
 * measured against. The file has the columns of OpenSanctions' China sanctions list
 * (src/datasets/importers/cn-lists.ts): every row a Company that one of four lists TARGETS, so the
 * importer states two claims per row (the company, and the link), each citing the dataset and its
 * line. The floors write the same nodes, links and claims with hand-written Cypher, in one
 * transaction as the importer does (a file commits whole or not at all), and check nothing.
 */

export const SOURCE = 'opensanctions-cn-sanctions';
/** Where the importer finds the file in a folder laid out like the publishers' downloads. */
export const FILE_PATH = 'opensanctions/datasets/cn/sanctions/sanctions.csv';
const HEADER = [
  'Type',
  'QID',
  'Name',
  'Alias',
  'Chinese name',
  'Country',
  'Topics',
  'Summary',
  'Chinese summary',
  'Body',
  'List',
  'Date',
  'End date',
  'Source URL',
  'Address',
];

/** The four lists the rows are spread over, keyed as the importer keys them (its KNOWN_LISTS). */
const LISTS = [
  {
    body: 'Ministry of Commerce',
    list: 'UEL',
    key: 'cn-unreliable-entity-list',
    name: 'Unreliable Entity List (MOFCOM)',
    issuer: 'china-ministry-of-commerce',
  },
  {
    body: 'Ministry of Commerce',
    list: 'List of Export Controls',
    key: 'cn-export-control-list',
    name: 'Export control list (MOFCOM)',
    issuer: 'china-ministry-of-commerce',
  },
  {
    body: 'Ministry of Commerce',
    list: 'Export Control Watch List',
    key: 'cn-export-control-watch-list',
    name: 'Export control watch list (MOFCOM)',
    issuer: 'china-ministry-of-commerce',
  },
  {
    body: 'Ministry of Foreign Affairs',
    list: 'List of Targets of Countermeasures',
    key: 'cn-mfa-countermeasure-list',
    name: 'List of targets of countermeasures (MFA)',
    issuer: 'china-ministry-of-foreign-affairs',
  },
] as const;
const ISSUERS = [
  { key: 'china-ministry-of-commerce', name: 'Ministry of Commerce' },
  { key: 'china-ministry-of-foreign-affairs', name: 'Ministry of Foreign Affairs' },
];

/** Row i of the synthetic file: the same every run, every name distinct after the importer's normalisation. */
function syntheticRow(i: number): string[] {
  const list = LISTS[i % LISTS.length]!;
  const date = `${String(1 + (i % 28)).padStart(2, '0')}.${String(1 + ((i >> 5) % 12)).padStart(2, '0')}.${2018 + (i % 7)}`;
  const summary = `Listed for supplying controlled item ${i % 997} to end users of concern (entry ${i}).`;
  return [
    'Company',
    `Q${900_000_000 + i}`,
    `Bulk Test Firm ${i} Electronics`,
    '',
    `合成企业${i}`,
    'US',
    'sanction',
    summary,
    '',
    list.body,
    list.list,
    date,
    '',
    '',
    '',
  ];
}

/** Writes `rows` synthetic rows (no cell needs quoting) and returns the file's size in bytes. */
export async function writeSyntheticFile(file: string, rows: number): Promise<number> {
  const out = createWriteStream(file);
  let bytes = 0;
  const write = (line: string) => {
    bytes += Buffer.byteLength(line);
    return out.write(line) ? null : new Promise<void>((resolve) => out.once('drain', () => resolve()));
  };
  await write(`${HEADER.join(',')}\n`);
  for (let i = 0; i < rows; i++) await write(`${syntheticRow(i).join(',')}\n`);
  out.end();
  await finished(out);
  return bytes;
}

type Row = Record<string, unknown>;
const digest = (text: string) => createHash('sha256').update(text).digest('base64url');
const isoOf = (dotted: string) => dotted.split('.').reverse().join('-');

/** A claim node as the importer stores one (src/ingest/write.ts claimRow), with the change set's numbers. */
function claim(kind: 'ENTITY' | 'LINK', target: string, type: string, values: Row, evidence: string[], locator: string, ends: Row = {}): Row {
  const json = JSON.stringify(values);
  return {
    key: `${kind}|${target}|${SOURCE}`,
    kind,
    target,
    type,
    ...ends,
    source: SOURCE,
    sources: [SOURCE],
    evidence,
    derived: false,
    locator,
    values: json,
    valuesDigest: digest(json),
    digest: digest(json + evidence.join('\n') + locator),
    seq: 1,
    recordedIn: 'cs-floor',
    retracted: false,
  };
}

const entityRow = (label: string, key: string, values: Row, evidence: string[], locator: string) => ({
  label,
  key,
  node: { ...values, key, sources: [SOURCE], evidence },
  claim: claim('ENTITY', key, label, values, evidence, locator),
});
const linkRow = (type: string, from: string, to: string, key: string, values: Row, evidence: string[], locator: string) => ({
  type,
  from,
  to,
  rel: { ...values, key, evidence, sources: [SOURCE], derived: false, basis: 'STATED', locator, supportCount: 1, conflict: false },
  claim: claim('LINK', key, type, values, evidence, locator, { from, to }),
});

/** The file's source, lists and issuers: the handful of things both floors write before the rows. */
function fixedStatements() {
  const entities = [
    entityRow('Source', SOURCE, { name: 'Synthetic China sanctions list', kind: 'DATASET' }, [], 'file'),
    ...ISSUERS.map((o) => entityRow('Organization', o.key, { name: o.name, kind: 'GOVERNMENT_AGENCY' }, [], `line 2: ${o.name}`)),
    ...LISTS.map((l) => entityRow('Policy', l.key, { name: l.name, kind: 'DESIGNATION_LIST', status: 'IN_FORCE' }, [], `line 2: ${l.name}`)),
  ];
  const links = [
    ...LISTS.map((l) => linkRow('ISSUED_BY', l.key, l.issuer, `${l.key}|ISSUED_BY|${l.issuer}`, {}, [], `line 2: ${l.name}`)),
    ...ISSUERS.map((o) => linkRow('HEADQUARTERED_IN', o.key, 'china', `${o.key}|HEADQUARTERED_IN|china`, {}, [], `line 2: ${o.name}`)),
  ];
  return { entities, links };
}

const MERGE_ENTITIES = (label: string) => `UNWIND $rows AS row
  MERGE (n:Entity {key: row.key}) ON CREATE SET n:${label}
  SET n = row.node
  MERGE (c:Claim {key: row.claim.key}) SET c = row.claim`;
const MERGE_LINKS = (type: string) => `UNWIND $rows AS row
  MATCH (a:Entity {key: row.from}), (b:Entity {key: row.to})
  MERGE (a)-[r:${type} {key: row.rel.key}]->(b) SET r = row.rel
  MERGE (c:Claim {key: row.claim.key}) SET c = row.claim`;
const CHANGE_SET = `MERGE (g:GraphState {id: 'graph'}) SET g.seq = g.seq + 1
  CREATE (:ChangeSet {id: 'cs-floor', seq: g.seq, at: datetime(), principal: 'floor', sources: [$source]})`;

/**
 * Floor (a): the rows parsed in this process and written by UNWIND batches of parameters, the
 * shape the importer's own statements have, but with nothing looked up, validated or recomputed.
 */
export async function unwindFloor(db: Database, file: string, batch: number): Promise<void> {
  const records = parse(await readFile(file, 'utf8'), { columns: true, info: true, raw: true }) as {
    record: Record<string, string>;
    raw: string;
    info: { lines: number };
  }[];
  const byList = new Map(LISTS.map((l) => [`${l.body}|${l.list}`, l]));
  const companies: Row[] = [];
  const targets: Row[] = [];
  for (const { record: cells, raw, info } of records) {
    const key = cells.Name!.toLowerCase().replace(/ /g, '-');
    const locator = `line ${info.lines}: ${cells.Name}`;
    const values = { name: cells.Name, kind: 'UNSTATED', description: cells.Summary, nameZh: cells['Chinese name'], identifiers: [`WIKIDATA:${cells.QID}`] };
    companies.push(entityRow('Company', key, values, [raw.replace(/\r?\n$/, '')], locator));
    const list = byList.get(`${cells.Body}|${cells.List}`)!;
    const since = isoOf(cells.Date!);
    targets.push(linkRow('TARGETS', list.key, key, `${list.key}|TARGETS|${key}|since:${since}`, { since }, [cells.Summary!], locator));
  }
  const fixed = fixedStatements();
  await db.writeTransaction(async (run) => {
    await run(CHANGE_SET, { source: SOURCE });
    for (const label of ['Source', 'Organization', 'Policy']) await run(MERGE_ENTITIES(label), { rows: fixed.entities.filter((e) => e.label === label) });
    for (const type of ['ISSUED_BY', 'HEADQUARTERED_IN']) await run(MERGE_LINKS(type), { rows: fixed.links.filter((l) => l.type === type) });
    for (let i = 0; i < companies.length; i += batch) await run(MERGE_ENTITIES('Company'), { rows: companies.slice(i, i + batch) });
    for (let i = 0; i < targets.length; i += batch) await run(MERGE_LINKS('TARGETS'), { rows: targets.slice(i, i + batch) });
  });
}

/**
 * Floor (b): Neo4j reads the file itself (`LOAD CSV`, by its path: the embedded server sets no import folder) in the same one
 * transaction. Cypher has no hash function without APOC, so these claims carry no digests, and the
 * row's evidence is its cells joined again rather than the line as read.
 */
export async function loadCsvFloor(db: Database, file: string): Promise<void> {
  const fixed = fixedStatements();
  const lists = Object.fromEntries(LISTS.map((l) => [`${l.body}|${l.list}`, l.key]));
  await db.writeTransaction(async (run) => {
    await run(CHANGE_SET, { source: SOURCE });
    for (const label of ['Source', 'Organization', 'Policy']) await run(MERGE_ENTITIES(label), { rows: fixed.entities.filter((e) => e.label === label) });
    for (const type of ['ISSUED_BY', 'HEADQUARTERED_IN']) await run(MERGE_LINKS(type), { rows: fixed.links.filter((l) => l.type === type) });
    await run(
      `LOAD CSV WITH HEADERS FROM $url AS cells
       WITH cells, linenumber() AS line, replace(toLower(cells.Name), ' ', '-') AS key, $lists[cells.Body + '|' + cells.List] AS list
       WITH cells, key, list, 'line ' + line + ': ' + cells.Name AS locator,
            reduce(s = cells.Type, c IN $columns | s + ',' + coalesce(cells[c], '')) AS raw,
            split(cells.Date, '.') AS d
       WITH cells, key, list, locator, raw, d[2] + '-' + d[1] + '-' + d[0] AS since,
            '{"name":"' + cells.Name + '","kind":"UNSTATED","description":"' + cells.Summary + '","nameZh":"' + cells['Chinese name'] + '","identifiers":["WIKIDATA:' + cells.QID + '"]}' AS values
       MATCH (p:Entity {key: list})
       MERGE (n:Entity {key: key}) ON CREATE SET n:Company
       SET n = {key: key, name: cells.Name, kind: 'UNSTATED', description: cells.Summary, nameZh: cells['Chinese name'],
                identifiers: ['WIKIDATA:' + cells.QID], sources: [$source], evidence: [raw]}
       MERGE (ec:Claim {key: 'ENTITY|' + key + '|' + $source})
       SET ec = {key: 'ENTITY|' + key + '|' + $source, kind: 'ENTITY', target: key, type: 'Company', source: $source, sources: [$source],
                 evidence: [raw], derived: false, locator: locator, values: values, seq: 1, recordedIn: 'cs-floor', retracted: false}
       WITH p, n, cells, key, list, locator, since, list + '|TARGETS|' + key + '|since:' + since AS target
       MERGE (p)-[r:TARGETS {key: target}]->(n)
       SET r = {key: target, since: since, evidence: [cells.Summary], sources: [$source], derived: false, basis: 'STATED', locator: locator,
                supportCount: 1, conflict: false}
       MERGE (lc:Claim {key: 'LINK|' + target + '|' + $source})
       SET lc = {key: 'LINK|' + target + '|' + $source, kind: 'LINK', target: target, type: 'TARGETS', from: list, to: key, source: $source,
                 sources: [$source], evidence: [cells.Summary], derived: false, locator: locator, values: '{"since":"' + since + '"}',
                 seq: 1, recordedIn: 'cs-floor', retracted: false}`,
      { url: `file://${file}`, lists, source: SOURCE, columns: HEADER.slice(1) },
    );
  });
}
