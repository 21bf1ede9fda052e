import { parseArgs } from 'node:util';
import { Progress } from '../src/cli/progress.js';
import { applySchema } from '../src/graph/schema.js';
import { rebuildAggregates } from '../src/graph/aggregates.js';
import { openBenchDatabase } from './database.js';
import { ENTITY_SHARES, FACT_METRICS, FACT_PERIODS, FACTS_PER_COMPANY, random, RELATIONSHIP_PLAN, syntheticKey, type SyntheticLabel } from './shape.js';
import { type EntityCounts, evidence, relationshipRows, relationshipScale, SOURCE_KEYS } from './synthetic-relationships.js';

// npm run bench:generate -- --entities 100000 --relationships 1000000
// Writes into NEO4J_URI, or the embedded Neo4j in NEO4J_DATA_DIR (default .data/bench-synthetic).
const { values } = parseArgs({
  options: {
    entities: { type: 'string', default: '100000' },
    relationships: { type: 'string', default: '1000000' },
    batch: { type: 'string', default: '10000' },
    seed: { type: 'string', default: '42' },
  },
});
const entityTotal = Number(values.entities);
const relationshipTarget = Number(values.relationships);
const batchSize = Number(values.batch);
const rand = random(Number(values.seed));

const { config, connection, db } = await openBenchDatabase('.data/bench-synthetic');

async function writeBatches<T>(label: string, rows: T[], cypher: string) {
  const progress = new Progress(label, rows.length);
  for (let i = 0; i < rows.length; i += batchSize) {
    const batch = rows.slice(i, i + batchSize);
    await db.write(cypher, { rows: batch });
    progress.add(batch.length);
  }
  progress.end();
}

const counts = Object.fromEntries(Object.entries(ENTITY_SHARES).map(([label, share]) => [label, Math.max(3, Math.round(entityTotal * share))])) as EntityCounts;

const started = Date.now();
await applySchema(db);
// Keys are unique by construction, so plain CREATEs (several times faster than MERGE) are safe on
// a graph without synthetic data; a second run is refused rather than doubling it.
const [existing] = await db.read<{ found: number }>("MATCH (n:Company) WHERE n.key STARTS WITH 'syn-' RETURN count(n) AS found LIMIT 1");
if (existing!.found > 0) {
  console.error(`This database already holds a synthetic graph; remove ${config.neo4j.uri ?? config.neo4j.embedded.dataDir} to build it again.`);
  await connection.close();
  process.exit(1);
}

// Entities, label by label. Names mix English and Chinese so search has work to do.
for (const [label, count] of Object.entries(counts) as [SyntheticLabel, number][]) {
  const rows = Array.from({ length: count }, (_, i) => ({
    key: syntheticKey(label, i),
    name: `Synthetic ${label} ${i}`,
    nameZh: `合成${label}${i}號`,
    aliases: [`SYN-${label.slice(0, 3).toUpperCase()}-${i}`],
    sources: SOURCE_KEYS.slice(0, 1 + (i % 2)),
    evidence: evidence(i),
    ...(label === 'Company' ? { kind: ['HYPERSCALER', 'INTERNET_PLATFORM', 'TELECOM_OPERATOR', 'AI_LAB'][i % 4] } : {}),
    ...(label === 'Chip' ? { market: i % 5 === 0 ? 'CHINA_SPECIFIC' : 'GLOBAL', uses: ['TRAINING'] } : {}),
    ...(label === 'Policy' ? { kind: ['EXPORT_CONTROL', 'TARIFF', 'INVESTMENT_PROGRAM'][i % 3], status: 'IN_FORCE' } : {}),
    ...(label === 'Source' ? { title: `Synthetic source ${i}`, kind: 'REPORT' } : {}),
    ...(label === 'Quote' ? { text: `合成引語 ${i}`, textEn: `Synthetic quote ${i}` } : {}),
    ...(label === 'DataCenter' ? { kind: 'CLUSTER', status: 'OPERATING' } : {}),
    ...(label === 'Region' ? { kind: 'SUBNATIONAL' } : {}),
    ...(label === 'Country' ? { isoCode: 'ZZ' } : {}),
    ...(label === 'Organization' ? { kind: 'GOVERNMENT_AGENCY' } : {}),
  }));
  await writeBatches(label, rows, `UNWIND $rows AS row CREATE (n:Entity:${label}) SET n = row`);
}

// Relationships, planned per entity and scaled to the requested total.
const scale = relationshipScale(counts, relationshipTarget);
let relationshipCount = 0;
for (const plan of RELATIONSHIP_PLAN) {
  const rows = relationshipRows(plan, counts, scale, rand);
  await writeBatches(
    `${plan.type}>${plan.to}`.slice(0, 14),
    rows,
    `UNWIND $rows AS row
     MATCH (a:${plan.from} {key: row.from}), (b:${plan.to} {key: row.to})
     CREATE (a)-[r:${plan.type}]->(b)
     SET r = row.props`,
  );
  relationshipCount += rows.length;
}

// Figures: FACTS_PER_COMPANY per company over metrics x periods, in one unit per metric.
const factsPerCompany = Math.round(FACTS_PER_COMPANY * scale);
const facts = [];
for (let c = 0; c < counts.Company; c++) {
  for (let f = 0; f < factsPerCompany; f++) {
    const metric = FACT_METRICS[f % FACT_METRICS.length]!;
    const period = FACT_PERIODS[Math.floor(f / FACT_METRICS.length) % FACT_PERIODS.length]!;
    const subject = syntheticKey('Company', c);
    const key = `${subject}|${metric}|${period}|${f}`;
    facts.push({
      subject,
      fact: {
        key,
        subject,
        metric,
        period,
        value: Math.round(rand() * 1000) / 10,
        unit: metric === 'CAPEX_GROWTH' ? 'PERCENT' : 'USD_BILLION',
        qualifier: 'EXACT',
        estimate: false,
        stated: 'synthetic',
        evidence: evidence(c),
        sources: SOURCE_KEYS.slice(0, 1),
      },
    });
  }
}
await writeBatches(
  'REPORTED',
  facts,
  `UNWIND $rows AS row
   MATCH (s:Company {key: row.subject})
   CREATE (s)-[:REPORTED {key: row.fact.key, evidence: row.fact.evidence, sources: row.fact.sources}]->(f:FinancialFact)
   SET f = row.fact`,
);
relationshipCount += facts.length;

const [stats] = await db.read<{ nodes: number; relationships: number }>(
  'CALL () { MATCH (n:Entity) RETURN count(n) AS nodes } CALL () { MATCH ()-[r]->() RETURN count(r) AS relationships } RETURN nodes, relationships',
);
console.error(
  `synthetic graph: ${stats!.nodes} entities, ${stats!.relationships} relationships (${relationshipCount} written) in ${((Date.now() - started) / 1000).toFixed(0)} s`,
);
await db.write('CALL db.awaitIndexes(300)');
// The figures were written with plain CREATE, which keeps no stored totals: build them now rather
// than at the first start.
const totals = await rebuildAggregates(db);
console.error(`stored totals: ${totals.aggregates} rows for ${totals.pairs} metric and period pairs`);
await connection.close();
