import type { EntityLabel, StatedRelationshipType } from '../core/model.js';
import type { ItemKind } from '../ingest/shapes.js';
import { relationshipKey, type RawFile } from '../ingest/validate.js';
import type { Reconciler } from './reconcile.js';
import type { DatasetRow } from './table.js';

type Fields = Record<string, unknown>;
type LinkProperties = Record<string, string | number | boolean | string[] | number[] | null | undefined>;
interface Collected {
  value: Fields;
  line: number;
}

/** What a row's statement carries beside its values: the cell (or record) that says it, and how surely. */
export interface RowEvidence {
  evidence?: string | string[];
  confidence?: string | null;
  note?: string | null;
}

/**
 * The statements one dataset file makes, collected row by row as import items: each cites the
 * file's source and its row (`line 412: xAI Colossus Memphis Phase 1`), with the row's verbatim text
 * as evidence. A thing the file names many times is defined once (by the first row naming it), and a
 * link or figure stated by several rows is kept from the first.
 */
export class Statements {
  private readonly items: Record<'entities' | 'attributes' | 'relationships' | 'facts', Map<string, Collected>> = {
    entities: new Map(),
    attributes: new Map(),
    relationships: new Map(),
    facts: new Map(),
  };
  /** Statements left out because a name they need could match several things. */
  unlinked = 0;

  constructor(
    readonly dataset: string,
    readonly file: string,
    readonly source: string,
    private readonly reconciler: Reconciler,
  ) {}

  locator(row: DatasetRow, name: string): string {
    const label = name.replace(/\s+/g, ' ').trim();
    return `line ${row.line}: ${label.length > 120 ? `${label.slice(0, 119)}…` : label}`;
  }

  private provenance(row: DatasetRow, name: string, said: RowEvidence): Fields {
    const evidence = said.evidence === undefined ? [row.raw] : Array.isArray(said.evidence) ? said.evidence : [said.evidence];
    return omitEmpty({ sources: [this.source], locator: this.locator(row, name), evidence, confidence: said.confidence, note: said.note });
  }

  /**
   * The key of the thing a row names, defining it when it is new (`define` gives its label's
   * required fields); null when the name could be several things (reported, left unlinked).
   */
  ref(row: DatasetRow, name: string, want: readonly EntityLabel[], define: (label: EntityLabel) => Fields, said: RowEvidence = {}): string | null {
    const resolution = this.reconciler.resolve(this.dataset, name, want);
    if (resolution.status === 'ambiguous') {
      this.unlinked++;
      return null;
    }
    const defined = this.items.entities.get(resolution.key)?.value;
    // Another name of an entity this file defines (two names the table maps to one new key) is its
    // alias: an attributes item beside the file's own definition would state the entity twice.
    if (defined) {
      const aliases = (defined.aliases as string[] | undefined) ?? [];
      if (name !== defined.name && !aliases.includes(name)) defined.aliases = [...aliases, name].slice(0, 50);
    } else if (resolution.status === 'new') this.entity(row, name, { key: resolution.key, label: resolution.label, name, ...define(resolution.label) }, said);
    // A reviewed match under another name: the dataset's name becomes an alias, cited to the row.
    else if (resolution.by === 'table') this.attributes(row, name, resolution.key, resolution.label, { aliases: [name] }, said);
    return resolution.key;
  }

  entity(row: DatasetRow, name: string, fields: Fields & { key: string; label: EntityLabel }, said: RowEvidence = {}): void {
    if (this.items.entities.has(fields.key)) return;
    this.items.entities.set(fields.key, { value: omitEmpty({ ...fields, ...this.provenance(row, name, said) }), line: row.line });
  }

  /** Properties this file states of an entity defined elsewhere; several rows' aliases accumulate. */
  attributes(row: DatasetRow, name: string, key: string, label: EntityLabel, values: Fields, said: RowEvidence = {}): void {
    const held = this.items.attributes.get(key);
    if (!held) {
      this.items.attributes.set(key, { value: { key, label, values: omitEmpty(values), ...this.provenance(row, name, said) }, line: row.line });
      return;
    }
    const heldValues = held.value.values as Fields;
    const aliases = [...new Set([...((heldValues.aliases as string[]) ?? []), ...((values.aliases as string[]) ?? [])])];
    held.value.values = omitEmpty({ ...values, ...heldValues, aliases: aliases.length ? aliases.slice(0, 50) : undefined });
  }

  link(
    row: DatasetRow,
    name: string,
    type: StatedRelationshipType,
    from: string | null,
    to: string | null,
    properties: LinkProperties = {},
    said: RowEvidence = {},
  ): void {
    if (!from || !to) return;
    const link = { type, from, to, properties: omitEmpty(properties) as Record<string, string | number | boolean | string[] | number[]> };
    const id = relationshipKey(link);
    if (this.items.relationships.has(id)) return;
    this.items.relationships.set(id, { value: { ...link, ...this.provenance(row, name, said) }, line: row.line });
  }

  figure(row: DatasetRow, name: string, fact: Fields & { subject: string | null; metric: string; stated: string }, said: RowEvidence = {}): void {
    if (!fact.subject) return;
    const id = [fact.subject, fact.metric, fact.period ?? '', fact.date ?? '', fact.item ?? '', fact.market ?? '', fact.qualifier ?? 'EXACT'].join('|');
    if (this.items.facts.has(id)) return;
    // A figure without a period says so explicitly (null): the shape requires the field.
    this.items.facts.set(id, { value: { period: null, ...omitEmpty({ ...fact, ...this.provenance(row, name, said) }) }, line: row.line });
  }

  /** The collected items as the import files they would be, each item with its file and line. */
  rawFiles(): RawFile[] {
    return (Object.entries(this.items) as [ItemKind, Map<string, Collected>][]).map(([kind, items]) => ({
      file: this.file,
      kind,
      baseDir: null,
      items: [...items.values()].map(({ value, line }, index) => ({ value, origin: { file: this.file, index, line } })),
    }));
  }

  count(kind: keyof Statements['items']): number {
    return this.items[kind].size;
  }
}

/** Drops null, undefined and empty-string fields: an empty cell states nothing. */
export function omitEmpty(fields: Fields): Fields {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== null && value !== undefined && value !== ''));
}
