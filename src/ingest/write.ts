import type { Database } from '../db/database.js';
import { refreshAggregates } from '../graph/aggregates.js';
import { canonicalJson } from '../core/canonical-json.js';
import { claimKey, digestOf, digestOfJson, union, type ClaimRecord } from '../graph/claims.js';
import { ENTITY_LABELS, STATED_RELATIONSHIP_TYPES, type EntityLabel } from '../core/model.js';
import {
  chunks,
  curatorSourcesOf,
  entityProps,
  linkProps,
  projectEntities,
  projectLinks,
  props,
  REGROUPED,
  type Row,
  type Run,
  type StoredClaim,
} from './project.js';
import { removeUnsupportedEntities, retractSuperseded } from './supersede.js';
import type { Dataset } from './validate.js';
import { factKey, relationshipKey } from './validate.js';

/** What one write recorded: the change set, or null when the graph already said all of it. */
export interface ChangeSetSummary {
  id: string;
  added: number;
  changed: number;
  retracted: number;
}

export interface WriteSummary {
  nodes: number;
  relationships: number;
  changeSet: ChangeSetSummary | null;
}

/** How many rows writeDataset sends for a dataset: the total of its progress reports. */
export function rowCount(data: Dataset): number {
  const said = data.quotes.filter((q) => q.speaker).length;
  const about = data.quotes.reduce((n, q) => n + q.about.length, 0);
  return (
    data.sources.length + data.entities.length + data.attributes.length + data.quotes.length + data.relationships.length + said + about + data.facts.length
  );
}

/** A write that recorded nothing new: rolled back, so the graph version does not move. */
class NothingChanged extends Error {
  constructor(readonly summary: WriteSummary) {
    super('nothing changed');
  }
}

export interface WriteOptions {
  /** Who writes: an API key's name, `import` or `seed`; recorded with the change set. */
  principal: string;
  /**
   * The dataset is the whole of what the principal states (the seed): what the principal's earlier
   * writes recorded and this one leaves out is retracted in the same change set (ingest/supersede.ts).
   */
  complete?: boolean;
  onProgress?: (rows: number) => void;
  /** Keep what a changed claim or figure said before, retracted (see KEEP_REPLACED). */
  keepReplaced?: boolean;
}

/**
 * Records a validated dataset as claims, in one write transaction: everything commits, or nothing
 * does. Each item is one claim of its sources; the entity nodes and direct relationships that
 * traversals follow are then recomputed from all the claims about them (see graph/claims.ts for
 * the preference rule). A claim whose sources restate it unchanged is a no-op; a write that adds
 * or changes nothing is rolled back and recorded nowhere. Labels and relationship types are
 * interpolated only from the closed lists in model.ts.
 */
export async function writeDataset(db: Database, data: Dataset, options: WriteOptions): Promise<WriteSummary> {
  try {
    return await db.writeTransaction(async (run) => {
      const changeSet = await openChangeSet(run);
      const { seq } = changeSet;
      const summary: WriteSummary = { nodes: 0, relationships: 0, changeSet: null };
      const counts = { added: 0, changed: 0 };
      const batched = async (cypher: string, rows: Row[], what: 'nodes' | 'relationships') => {
        const results: Row[] = [];
        for (const batch of chunks(rows)) {
          results.push(...(await run(cypher, { rows: batch, cs: changeSet.id, seq, keepReplaced: options.keepReplaced ?? false })));
          summary[what] += batch.length;
          options.onProgress?.(batch.length);
        }
        return results;
      };
      // Statements answer one row per status (and figure pair), counting its items: never one per item.
      const tally = (statuses: Row[]) => {
        for (const { status, items } of statuses) if (status === 'added' || status === 'changed') counts[status] += items as number;
      };

      // --- entities (sources and quotes are entities too) -------------------------------------
      const entityClaims = new Map<EntityLabel, Row[]>();
      const addEntity = (label: EntityLabel, key: string, values: Row, item: ClaimProvenance, fullText?: string) => {
        const claim = claimRow('ENTITY', key, label, item, values);
        // Pushed, not spread into a new array: a file of 500,000 companies made that quadratic.
        const rows = entityClaims.get(label) ?? [];
        entityClaims.set(label, rows);
        rows.push({ key, claim, fullText: fullText ?? null });
      };
      for (const s of data.sources) {
        const { key, sources, evidence, note, label: _label, textFile: _textFile, ...values } = s;
        // A cited report's sources are the ones citing it; a primary source stands on its own.
        addEntity('Source', key, { ...values, name: s.titleEn ?? s.title }, { sources: sources ?? [], evidence, note }, data.sourceTexts.get(key));
      }
      for (const e of data.entities) {
        const { key, sources, evidence, label, locator, confidence, ...values } = e;
        addEntity(label, key, values, { sources, evidence, locator, confidence });
      }
      for (const a of data.attributes) addEntity(a.label, a.key, a.values, a);
      for (const q of data.quotes) {
        const { key, sources, evidence, note, about: _about, speaker: _speaker, ...values } = q;
        addEntity('Quote', key, { ...values, name: quoteName(q.textEn ?? q.text) }, { sources, evidence, note });
      }
      // A thing this write's claim is alone to state is projected in the claim's own statement, from
      // the row; one that other claims state too is projected afterwards from all of them.
      const shared = { entities: [] as string[], links: [] as string[] };
      const soleRegrouped: string[] = [];
      for (const label of ENTITY_LABELS) {
        const rows = entityClaims.get(label);
        if (!rows) continue;
        for (const row of rows) row.sole = entityProps(row.key as string, [{ ...(row.claim as StoredClaim), seq }]);
        const statuses = await batched(
          `UNWIND $rows AS row
           MERGE (n:Entity {key: row.key})
           ON CREATE SET n:${label}
           SET n.fullText = coalesce(n.fullText, row.fullText)
           ${MERGE_CLAIM}
           WITH n, c, row, status, n.kind AS kindBefore, ${SOLE('ENTITY')}
           CALL (n, row, sole) {
             WITH n, row, n.fullText AS fullText WHERE sole
             SET n = row.sole, n.fullText = fullText
           }
           RETURN status, count(*) AS items, collect(CASE WHEN NOT sole THEN row.key END) AS shared,
                  collect(CASE WHEN sole AND ${REGROUPED} THEN n.key END) AS regrouped`,
          rows,
          'nodes',
        );
        tally(statuses);
        for (const batch of statuses) {
          shared.entities.push(...(batch.shared as string[]));
          soleRegrouped.push(...(batch.regrouped as string[]));
        }
      }
      const regrouped = union([soleRegrouped, await projectEntities(run, union([shared.entities]))]);

      // --- stated links ---------------------------------------------------------------------
      const linkRows = data.relationships.map((r) => {
        const target = relationshipKey(r);
        return { key: target, type: r.type, from: r.from, to: r.to, claim: claimRow('LINK', target, r.type, r, r.properties, { from: r.from, to: r.to }) };
      });
      const curatorSources = await curatorSourcesOf(run, data.relationships);
      let soleReprojected = 0;
      for (const type of STATED_RELATIONSHIP_TYPES) {
        const rows = linkRows.filter((row) => row.type === type);
        if (!rows.length) continue;
        const statuses = await batched(
          `UNWIND $rows AS row
           ${MERGE_CLAIM}
           WITH c, row, status, ${SOLE('LINK')}
           OPTIONAL CALL (row, sole) {
             WITH row WHERE sole
             MATCH (a:Entity {key: row.from}), (b:Entity {key: row.to})
             MERGE (a)-[r:${type} {key: row.key}]->(b)
             WITH r, row, properties(r) <> row.sole AS changed
             SET r = row.sole
             RETURN changed
           }
           RETURN status, count(*) AS items, count(CASE WHEN changed THEN 1 END) AS reprojected,
                  collect(CASE WHEN NOT sole THEN row.key END) AS shared`,
          rows.map((row) => ({ ...row, sole: linkProps(row.key, [{ ...(row.claim as StoredClaim), seq }], curatorSources) })),
          'relationships',
        );
        tally(statuses);
        for (const batch of statuses) {
          shared.links.push(...(batch.shared as string[]));
          soleReprojected += batch.reprojected as number;
        }
      }
      const sharedLinks = new Set(shared.links);
      const projected = await projectLinks(run, [...sharedLinks]);
      // A headquarters link written here may move its company's figures to another country.
      const soleHeadquarters = linkRows.filter((row) => row.type === 'HEADQUARTERED_IN' && !sharedLinks.has(row.key)).map((row) => row.from);
      const relocated = union([soleHeadquarters, projected.relocated]);
      const reprojected = soleReprojected + projected.reprojected;

      // --- links generated from quotes and figures: they follow their item's sources -----------
      const provenance = (item: { evidence?: string[]; sources: string[] }) => props({ evidence: item.evidence, sources: item.sources, derived: false });
      const said = data.quotes
        .filter((q) => q.speaker)
        .map((q) => ({ from: q.speaker, to: q.key, props: { ...provenance(q), key: `${q.speaker}|SAID|${q.key}` } }));
      const about = data.quotes.flatMap((q) =>
        q.about.map((target) => ({ from: q.key, to: target, props: { ...provenance(q), key: `${q.key}|ABOUT|${target}` } })),
      );
      for (const [type, rows] of [
        ['SAID', said],
        ['ABOUT', about],
      ] as const) {
        if (!rows.length) continue;
        tally(
          await batched(
            `UNWIND $rows AS row
             MATCH (a:Entity {key: row.from}), (b:Entity {key: row.to})
             MERGE (a)-[r:${type} {key: row.props.key}]->(b)
             ${ACCUMULATE_PROVENANCE}`,
            rows,
            'relationships',
          ),
        );
      }

      // A figure is one source's claim already: its key names the subject, metric, period and source.
      const facts = data.facts.map((f) => {
        const key = factKey(f);
        // Neo4j stores no list of maps: a figure's checks are kept as one JSON string (see graph/financials.ts).
        const fact = props({ ...f, key, checks: f.checks?.length ? JSON.stringify(f.checks) : undefined });
        // Checks annotate the figure, like its note and its row: two sources stating the same value do not disagree over them.
        const { evidence: _e, sources: _s, note: _n, stated: _st, checks: _c, locator: _l, confidence: _cf, ...values } = fact;
        return {
          subject: f.subject,
          fact: { ...fact, valuesDigest: digestOf(values), digest: digestOf(fact) },
          reported: { ...provenance(f), key: `${f.subject}|REPORTED|${key}` },
        };
      });
      const figures = await batched(
        `UNWIND $rows AS row
         MATCH (s:Entity {key: row.subject})
         MERGE (f:FinancialFact {key: row.fact.key})
         WITH s, f, row, CASE WHEN f.digest IS NULL THEN 'added' WHEN f.digest <> row.fact.digest THEN 'changed' ELSE 'same' END AS status
         ${KEEP_REPLACED('f', 'RetractedFact')}
         SET f += CASE WHEN status = 'same' THEN {} ELSE row.fact END,
             f.checks = CASE WHEN status = 'same' THEN f.checks ELSE row.fact.checks END,
             f.seq = coalesce(f.seq, $seq), f.recordedIn = coalesce(f.recordedIn, $cs),
             f.changedIn = CASE WHEN status = 'changed' THEN $cs ELSE f.changedIn END
         MERGE (s)-[r:REPORTED {key: row.reported.key}]->(f)
         SET r += row.reported
         RETURN status, f.metric AS metric, f.period AS period, count(*) AS items`,
        facts,
        'nodes',
      );
      tally(figures);
      summary.relationships += facts.length;

      const superseded = options.complete
        ? await retractSuperseded(run, options.principal, changeSet.id, {
            claims: [...[...entityClaims.values()].flat(), ...linkRows].map((row) => (row.claim as Row).key as string),
            facts: facts.map((f) => (f.fact as Row).key as string),
            quoteLinks: [...said, ...about].map((link) => link.props.key),
          })
        : null;
      const unsettled = { regrouped: [] as string[], relocated: [] as string[] };
      if (superseded?.retracted) {
        unsettled.regrouped = await projectEntities(run, superseded.entityTargets);
        unsettled.relocated = (await projectLinks(run, superseded.linkTargets)).relocated;
        await removeUnsupportedEntities(run, superseded.entityTargets);
      }
      const retracted = superseded?.retracted ?? 0;

      if (counts.added + counts.changed + retracted === 0) {
        if (!reprojected) throw new NothingChanged(summary);
        // No claim changed, but links now read differently (a new projection rule): that is the change.
        counts.changed = reprojected;
      }
      // In this transaction, so that no reader ever sees figures and their totals disagree.
      const written = figures.filter((figure) => figure.status !== 'same');
      await refreshAggregates(run, {
        pairs: [
          ...written.filter((figure) => figure.period != null).map((figure) => ({ metric: figure.metric as string, period: figure.period as string })),
          ...(superseded?.pairs ?? []),
        ],
        companies: union([regrouped, relocated, unsettled.regrouped, unsettled.relocated]),
        addedFacts:
          written.filter((figure) => figure.status === 'added').reduce((n, figure) => n + (figure.items as number), 0) - (superseded?.withdrawnFacts ?? 0),
      });
      const sources = union([
        data.sources.map((s) => s.key),
        ...[...data.entities, ...data.attributes, ...data.relationships, ...data.facts, ...data.quotes].map((item) => item.sources),
      ]);
      summary.changeSet = await recordChangeSet(run, changeSet, { principal: options.principal, sources, ...counts, retracted });
      return summary;
    });
  } catch (error) {
    if (error instanceof NothingChanged) return error.summary;
    throw error;
  }
}

/**
 * Every write transaction takes the next graph version first. The counter node is locked until
 * the transaction ends, so concurrent writers are numbered in commit order.
 */
export async function openChangeSet(run: Run): Promise<{ id: string; seq: number }> {
  const [state] = await run<{ seq: number }>(
    `MERGE (g:GraphState {id: 'graph'}) ON CREATE SET g.seq = 0
     SET g.seq = g.seq + 1
     RETURN g.seq AS seq`,
  );
  return { id: `cs-${state!.seq}`, seq: state!.seq };
}

export async function recordChangeSet(
  run: Run,
  changeSet: { id: string; seq: number },
  what: { principal: string; sources: string[]; added: number; changed: number; retracted: number },
): Promise<ChangeSetSummary> {
  await run(
    `CREATE (:ChangeSet {id: $id, seq: $seq, at: datetime(), principal: $principal, sources: $sources, added: $added, changed: $changed, retracted: $retracted})`,
    { ...changeSet, ...what, sources: [...what.sources].sort() },
  );
  return { id: changeSet.id, added: what.added, changed: what.changed, retracted: what.retracted };
}

/**
 * With `keepReplaced`, what a claim or figure said before a source changed it is kept as a node of
 * its own (`ReplacedClaim`, `RetractedFact`), retracted in this change set: a newer file of a dataset
 * retracts the old statement of that row and adds the new one, and the old one stays readable.
 */
const KEEP_REPLACED = (node: string, label: string) => `CALL (${node}, status) {
    WITH ${node}, status WHERE $keepReplaced AND status = 'changed' AND NOT coalesce(${node}.retracted, false)
    CREATE (old:${label}) SET old = properties(${node}), old.key = ${node}.key + '@' + $cs, old.replacedKey = ${node}.key, old.retracted = true, old.retractedIn = $cs
  }`;

/**
 * Creates the row's claim or, when its sources restate it differently, updates it; restating it
 * unchanged touches nothing. Leaves the claim `c` and its `status` (added, changed or same) to the
 * rest of the statement, with every variable bound before. A retracted claim stated again is restored.
 */
const MERGE_CLAIM = `MERGE (c:Claim {key: row.claim.key})
  WITH *, CASE WHEN c.digest IS NULL THEN 'added' WHEN c.digest <> row.claim.digest OR c.retracted THEN 'changed' ELSE 'same' END AS status
  ${KEEP_REPLACED('c', 'ReplacedClaim')}
  SET c += CASE WHEN status = 'same' THEN {} ELSE row.claim END,
      c.seq = coalesce(c.seq, $seq), c.recordedIn = coalesce(c.recordedIn, $cs),
      c.changedIn = CASE WHEN status = 'changed' THEN $cs ELSE c.changedIn END,
      c.retracted = false, c.retractedIn = null`;

/** Cypher: no other active claim states what claim `c` of the row states (see writeDataset). */
const SOLE = (kind: ClaimRecord['kind']) => `NOT EXISTS { MATCH (o:Claim {target: row.key}) WHERE o.kind = '${kind}' AND NOT o.retracted AND o <> c } AS sole`;

/** Generated links keep the first evidence and every source that ever gave them. */
const ACCUMULATE_PROVENANCE = `WITH r, row, r.sources IS NULL AS isNew,
       [s IN row.props.sources WHERE NOT s IN coalesce(r.sources, [])] AS newSources
  SET r.key = row.props.key, r.derived = false,
      r.evidence = coalesce(r.evidence, row.props.evidence),
      r.sources = coalesce(r.sources, []) + newSources
  RETURN CASE WHEN isNew THEN 'added' WHEN size(newSources) > 0 THEN 'changed' ELSE 'same' END AS status, count(*) AS items`;

/** What a claim records beside its values: who states it, in which words, where in the source, how surely. */
interface ClaimProvenance {
  sources: string[];
  evidence?: string[];
  derived?: boolean;
  note?: string | null;
  locator?: string | null;
  confidence?: string | null;
}

function claimRow(kind: ClaimRecord['kind'], target: string, type: string, item: ClaimProvenance, values: Row, ends: { from?: string; to?: string } = {}): Row {
  const stated = props(values);
  const json = canonicalJson(stated);
  const statement = props({
    values: stated,
    evidence: item.evidence ?? [],
    derived: item.derived ?? false,
    note: item.note,
    sources: item.sources,
    locator: item.locator,
    confidence: item.confidence,
  });
  return props({
    key: claimKey(kind, target, item.sources),
    kind,
    target,
    type,
    ...ends,
    // A primary source cites no other: it speaks for itself.
    source: item.sources[0] ?? target,
    sources: item.sources,
    evidence: item.evidence ?? [],
    derived: item.derived ?? false,
    note: item.note,
    locator: item.locator,
    confidence: item.confidence,
    values: json,
    valuesDigest: digestOfJson(json),
    digest: digestOf(statement),
  });
}

function quoteName(text: string): string {
  return text.length > 80 ? `${text.slice(0, 79)}…` : text;
}
