import DataLoader from 'dataloader';
import type { Database } from '../db/database.js';
import { runBatch, type BatchItem, type BatchQuery } from '../graph/batch.js';
import { byPreference } from '../graph/claims.js';
import { entityByKey, factByKey, factsOf, linksOf, supportOf, type FactFilter, type LinkSpec, type SupportRecord } from '../graph/lookups.js';
import type { EntityRecord, FactRecord, LinkNeed, LinkRecord, PropertyNeed } from '../graph/records.js';
import type { EntityLabel } from '../core/model.js';

/**
 * The per-request loader. Every lookup a resolver asks for during one tick (entities by key,
 * relationships around entities, facts) is collected and sent as ONE Cypher statement, so a
 * query costs one round trip per nesting level, however many objects and fields that level has.
 * Built fresh for every request: nothing is cached across requests or users. Each lookup takes
 * what the selection needs (src/read/selection.ts) and reads only that; without one, it reads the
 * whole record.
 */
export class GraphLoader {
  private readonly loader: DataLoader<BatchItem, unknown[], string>;

  constructor(db: Database) {
    this.loader = new DataLoader((items) => runBatch(db, items), {
      cacheKeyFn: (item) => `${item.query.signature}\u0000${JSON.stringify(item.request)}`,
    });
  }

  /** Forgets everything loaded so far: after a write, the same request must read what it wrote. */
  clear(): void {
    this.loader.clearAll();
  }

  /**
   * Hands the loader rows another statement already read (a page that folded its nested fields
   * in), as if this lookup had run: the resolver that asks next finds them. Rows already loaded
   * are kept.
   */
  prime<Req, Row>(query: BatchQuery<Req, Row>, request: Req, rows: Row[]): void {
    this.loader.prime({ query: query as BatchQuery<unknown, unknown>, request }, rows);
  }

  private load<Req, Row>(query: BatchQuery<Req, Row>, request: Req): Promise<Row[]> {
    return this.loader.load({ query: query as BatchQuery<unknown, unknown>, request }) as Promise<Row[]>;
  }

  async entity(key: string, label?: EntityLabel, need?: PropertyNeed): Promise<EntityRecord | null> {
    return (await this.load(entityByKey(label, need), key))[0] ?? null;
  }

  /** In key order, with null for each key that does not exist. */
  entities(keys: readonly string[], label?: EntityLabel, need?: PropertyNeed): Promise<(EntityRecord | null)[]> {
    return Promise.all(keys.map((key) => this.entity(key, label, need)));
  }

  /** Like `entities`, without the missing ones: for lists whose items must exist. */
  async existing(keys: readonly string[] | null | undefined, label?: EntityLabel, need?: PropertyNeed): Promise<EntityRecord[]> {
    return (await this.entities(keys ?? [], label, need)).filter((e): e is EntityRecord => e !== null);
  }

  async links(key: string, spec: LinkSpec, need?: LinkNeed): Promise<LinkRecord[]> {
    const links = await this.load(linksOf(spec, need), key);
    return links.sort((a, b) => a.type.localeCompare(b.type) || a.node.key.localeCompare(b.node.key));
  }

  /** Figures by key, in key order, skipping keys that do not exist. */
  async factsByKey(keys: readonly string[]): Promise<FactRecord[]> {
    const found = await Promise.all(keys.map((key) => this.load(factByKey, key)));
    return found.flatMap((rows) => rows.slice(0, 1));
  }

  /** The claims behind a link, the preferred one first. */
  async support(linkKey: string): Promise<SupportRecord[]> {
    return byPreference(await this.load(supportOf, linkKey));
  }

  async facts(filter: FactFilter): Promise<FactRecord[]> {
    const facts = await this.load(factsOf, filter);
    return facts.sort((a, b) => a.metric.localeCompare(b.metric) || (a.period ?? '').localeCompare(b.period ?? '') || a.key.localeCompare(b.key));
  }
}
