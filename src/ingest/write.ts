import type { Database, Params } from '../db/database.js';
import { ENTITY_LABELS, STATED_RELATIONSHIP_TYPES, type EntityLabel } from '../model.js';
import type { Dataset } from './validate.js';
import { factKey, relationshipKey } from './validate.js';

const BATCH_SIZE = 1000;

export interface WriteSummary {
  nodes: number;
  relationships: number;
}

type Row = Record<string, unknown>;

/** Neo4j has no null properties: drop them so a re-import writes exactly the same property set. */
function props(object: Record<string, unknown>, omit: string[] = []): Row {
  return Object.fromEntries(
    Object.entries(object).filter(([name, value]) => value !== null && value !== undefined && !omit.includes(name)),
  );
}

function chunks<T>(rows: T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += BATCH_SIZE) out.push(rows.slice(i, i + BATCH_SIZE));
  return out;
}

/** How many rows writeDataset sends for a dataset: the total of its progress reports. */
export function rowCount(data: Dataset): number {
  const said = data.quotes.filter((q) => q.speaker).length;
  const about = data.quotes.reduce((n, q) => n + q.about.length, 0);
  return data.sources.length + data.entities.length + data.quotes.length + data.relationships.length + said + about + data.facts.length;
}

/**
 * Upserts a validated dataset in one write transaction: everything commits, or nothing does.
 * Rows go in batched UNWIND statements of BATCH_SIZE inside that transaction.
 * Every write is a MERGE on a key, so writing the same dataset again changes nothing.
 * Labels and relationship types are interpolated only from the closed lists in model.ts.
 */
export async function writeDataset(db: Database, data: Dataset, onProgress?: (rows: number) => void): Promise<WriteSummary> {
  return db.writeTransaction(async (run) => {
    const summary: WriteSummary = { nodes: 0, relationships: 0 };
    const batched = async (cypher: string, rows: Row[], counts: keyof WriteSummary) => {
      for (const batch of chunks(rows)) {
        await run(cypher, { rows: batch } satisfies Params);
        summary[counts] += batch.length;
        onProgress?.(batch.length);
      }
    };

    const nodesByLabel = new Map<EntityLabel, Row[]>();
    const addNode = (label: EntityLabel, row: Row) => nodesByLabel.set(label, [...(nodesByLabel.get(label) ?? []), row]);
    // A text file's path means nothing inside the graph; its text is kept instead (see Dataset.sourceTexts).
    for (const s of data.sources) addNode('Source', props({ ...s, name: s.titleEn ?? s.title, fullText: data.sourceTexts.get(s.key) }, ['label', 'textFile']));
    for (const e of data.entities) addNode(e.label, props(e, ['label']));
    for (const q of data.quotes) addNode('Quote', props({ ...q, name: quoteName(q.textEn ?? q.text) }, ['about', 'speaker']));

    for (const label of ENTITY_LABELS) {
      const rows = nodesByLabel.get(label);
      if (!rows) continue;
      await batched(
        `UNWIND $rows AS row
         MERGE (n:Entity {key: row.key})
         SET n = row, n:${label}`,
        rows,
        'nodes',
      );
    }

    for (const type of STATED_RELATIONSHIP_TYPES) {
      const rows = data.relationships
        .filter((r) => r.type === type)
        .map((r) => ({
          from: r.from,
          to: r.to,
          props: props({ ...r.properties, key: relationshipKey(r), evidence: r.evidence, sources: r.sources, derived: r.derived, note: r.note }),
        }));
      if (!rows.length) continue;
      await batched(
        `UNWIND $rows AS row
         MATCH (a:Entity {key: row.from}), (b:Entity {key: row.to})
         MERGE (a)-[r:${type} {key: row.props.key}]->(b)
         SET r = row.props`,
        rows,
        'relationships',
      );
    }

    const provenance = (item: { evidence?: string[]; sources: string[] }) => props({ evidence: item.evidence, sources: item.sources, derived: false });
    const said = data.quotes
      .filter((q) => q.speaker)
      .map((q) => ({ from: q.speaker, to: q.key, props: { ...provenance(q), key: `${q.speaker}|SAID|${q.key}` } }));
    const about = data.quotes.flatMap((q) =>
      q.about.map((target) => ({ from: q.key, to: target, props: { ...provenance(q), key: `${q.key}|ABOUT|${target}` } })),
    );
    for (const [type, rows] of [['SAID', said], ['ABOUT', about]] as const) {
      if (!rows.length) continue;
      await batched(
        `UNWIND $rows AS row
         MATCH (a:Entity {key: row.from}), (b:Entity {key: row.to})
         MERGE (a)-[r:${type} {key: row.props.key}]->(b)
         SET r = row.props`,
        rows,
        'relationships',
      );
    }

    const facts = data.facts.map((f) => {
      const key = factKey(f);
      return { subject: f.subject, fact: props({ ...f, key }), reported: { ...provenance(f), key: `${f.subject}|REPORTED|${key}` } };
    });
    if (facts.length) {
      await batched(
        `UNWIND $rows AS row
         MATCH (s:Entity {key: row.subject})
         MERGE (f:FinancialFact {key: row.fact.key})
         SET f = row.fact
         MERGE (s)-[r:REPORTED {key: row.reported.key}]->(f)
         SET r = row.reported`,
        facts,
        'nodes',
      );
      summary.relationships += facts.length;
    }
    return summary;
  });
}

function quoteName(text: string): string {
  return text.length > 80 ? `${text.slice(0, 79)}…` : text;
}
