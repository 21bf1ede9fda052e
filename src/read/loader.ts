import DataLoader from 'dataloader';
import type { Database } from '../db/database.js';
import { runBatch, type BatchRequest } from '../graph/batch.js';
import { byPreference } from '../graph/claims.js';
import { ownersOf, sortOwners, type OwnerRecord } from '../graph/holdings.js';
import { entityByKey, factByKey, factsOf, linksOf, supportOf, type FactFilter, type SupportRecord } from '../graph/lookups.js';
import type { EntityRecord, FactRecord, LinkRecord, PropertyNeed } from '../graph/records.js';
import type { EntityLabel } from '../core/model.js';
import type { LinkField } from './link-fields.js';
import { linkNeed, type Selection } from './selection.js';

// The requests a page may prefetch (src/read/prefetch.ts), each built by one function that the
// loader's own methods use too: the loader caches by request, so a prefetched answer is found only
// under the request the resolver makes, byte for byte.

/** An entity by key, of one label or any, with the properties a selection needs (all when none is given). */
export const entityRequest = (key: string, label?: EntityLabel, need?: PropertyNeed): BatchRequest<string, EntityRecord> => ({
  query: entityByKey(label, need),
  request: key,
});

/** The links a link field follows from an entity, with what the field's selection reads of them. */
export const linkRequest = (key: string, field: LinkField, selection: Selection): BatchRequest<string, LinkRecord> => ({
  query: linksOf(field.spec, linkNeed(selection, field)),
  request: key,
});

/** The arguments of a `financials` field. */
export type FactArgs = Omit<FactFilter, 'subject'>;

/** The figures an entity reported, as its `financials` field filters them. */
export const factsRequest = (subject: string, args: FactArgs): BatchRequest<FactFilter, FactRecord> => ({
  query: factsOf,
  request: { subject, metric: args.metric ?? null, period: args.period ?? null },
});

/**
 * The per-request loader. Every lookup a resolver asks for during one tick (entities by key,
 * relationships around entities, facts) is collected and sent as ONE Cypher statement, so a
 * query costs one round trip per nesting level, however many objects and fields that level has.
 * Built fresh for every request: nothing is cached across requests or users. Each lookup takes
 * what the selection needs (src/read/selection.ts) and reads only that; without one, it reads the
 * whole record.
 */
export class GraphLoader {
  private readonly loader: DataLoader<BatchRequest, unknown[], string>;

  constructor(db: Database) {
    this.loader = new DataLoader((requests) => runBatch(db, requests), {
      cacheKeyFn: (item) => `${item.query.signature}\u0000${JSON.stringify(item.request)}`,
    });
  }

  /** Forgets everything loaded so far: after a write, the same request must read what it wrote. */
  clear(): void {
    this.loader.clearAll();
  }

  /**
   * Hands the loader rows another statement already read (a page that prefetched its nested
   * fields), as if this request had run: the resolver that makes it next finds them. Rows already
   * loaded are kept.
   */
  prime<Req, Row>(request: BatchRequest<Req, Row>, rows: Row[]): void {
    this.loader.prime(request, rows);
  }

  private load<Req, Row>(request: BatchRequest<Req, Row>): Promise<Row[]> {
    return this.loader.load(request) as Promise<Row[]>;
  }

  async entity(key: string, label?: EntityLabel, need?: PropertyNeed): Promise<EntityRecord | null> {
    return (await this.load(entityRequest(key, label, need)))[0] ?? null;
  }

  /** In key order, with null for each key that does not exist. */
  entities(keys: readonly string[], label?: EntityLabel, need?: PropertyNeed): Promise<(EntityRecord | null)[]> {
    return Promise.all(keys.map((key) => this.entity(key, label, need)));
  }

  /** Like `entities`, without the missing ones: for lists whose items must exist. */
  async existing(keys: readonly string[] | null | undefined, label?: EntityLabel, need?: PropertyNeed): Promise<EntityRecord[]> {
    return (await this.entities(keys ?? [], label, need)).filter((e): e is EntityRecord => e !== null);
  }

  /** What a link field selected as `selection` gives for the entity `key`, ordered by type, then by the key at the other end. */
  async links(key: string, field: LinkField, selection: Selection): Promise<LinkRecord[]> {
    const links = await this.load(linkRequest(key, field, selection));
    return links.sort((a, b) => a.type.localeCompare(b.type) || a.node.key.localeCompare(b.node.key));
  }

  /** Figures by key, in key order, skipping keys that do not exist. */
  async factsByKey(keys: readonly string[]): Promise<FactRecord[]> {
    const found = await Promise.all(keys.map((key) => this.load({ query: factByKey, request: key })));
    return found.flatMap((rows) => rows.slice(0, 1));
  }

  /** The claims behind a link, the preferred one first. */
  async support(linkKey: string): Promise<SupportRecord[]> {
    return byPreference(await this.load({ query: supportOf, request: linkKey }));
  }

  /** Who buys a chip or family, directly, through its classes and families, or through its members (graph/holdings.ts). */
  async owners(key: string): Promise<OwnerRecord[]> {
    return sortOwners([...(await this.load({ query: ownersOf, request: key }))]);
  }

  async facts(subject: string, args: FactArgs): Promise<FactRecord[]> {
    const facts = await this.load(factsRequest(subject, args));
    return facts.sort((a, b) => a.metric.localeCompare(b.metric) || (a.period ?? '').localeCompare(b.period ?? '') || a.key.localeCompare(b.key));
  }
}
