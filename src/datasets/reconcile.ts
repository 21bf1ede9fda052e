import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Database } from '../db/database.js';
import type { EntityLabel } from '../core/model.js';
import { ValidationFailed } from '../ingest/validate.js';
import { normalizeName, slugOf } from './names.js';

/**
 * One thing, one key: a dataset's name for a company, chip or site is matched to the graph's key by
 * the reviewed mapping table first, then by normalised name, Chinese name or alias (never by a
 * fuzzy score). A name nothing matches becomes a new entity with a stable key; a name that matches
 * several is reported and left unlinked.
 */
export type Resolution =
  | { status: 'matched'; key: string; label: EntityLabel; by: 'table' | 'name' }
  | { status: 'new'; key: string; label: EntityLabel; by: 'table' | 'name' }
  | { status: 'ambiguous'; candidates: string[]; by: 'table' | 'name' };

/** A reviewed decision: this dataset's name is this key (`?`: leave it unlinked), and why. */
export interface MappingRow {
  dataset: string;
  name: string;
  key: string;
  label: EntityLabel | null;
  reason: string;
  file: string;
  line: number;
}

interface Known {
  key: string;
  label: EntityLabel;
}

/** The names a dataset used and what each became, for the reconciliation report. */
export interface NameDecision {
  dataset: string;
  name: string;
  resolution: Resolution;
  reason: string | null;
}

export const UNLINKED = '?';

export class Reconciler {
  private readonly byName = new Map<string, Known[]>();
  private readonly labels = new Map<string, EntityLabel>();
  /** The datasets whose own claims define an entity: a re-import restates them rather than matching them. */
  private readonly definedBy = new Map<string, Set<string>>();
  /** The sources whose active claims name an entity (as its subject or a link's end). */
  private readonly statedBy = new Map<string, Set<string>>();
  readonly decisions = new Map<string, NameDecision>();

  private constructor(private readonly table: MappingRow[]) {}

  /** Every entity of the graph by its names, and the reviewed table. */
  static async load(db: Database, table: MappingRow[]): Promise<Reconciler> {
    const reconciler = new Reconciler(table);
    await reconciler.refresh(db);
    return reconciler;
  }

  /** Re-reads the graph's names: after a file is written, the next one matches what it created. */
  async refresh(db: Database): Promise<void> {
    const rows = await db.read<{ key: string; label: EntityLabel; names: (string | null)[]; definers: string[] }>(
      `MATCH (n:Entity) WHERE NOT n:Source AND NOT n:Quote
       RETURN n.key AS key, [l IN labels(n) WHERE l <> 'Entity'][0] AS label, [n.name, n.nameZh] + coalesce(n.aliases, []) AS names,
              COLLECT { MATCH (c:Claim {target: n.key}) WHERE c.kind = 'ENTITY' AND NOT c.retracted AND c.values CONTAINS '"name":' RETURN c.source } AS definers`,
    );
    for (const row of rows) {
      this.remember(row.key, row.label, [...row.names.filter((n): n is string => Boolean(n)), row.key.replace(/-/g, ' ')]);
      // A claim that names the entity defines it; one that only adds aliases or specs does not.
      this.definedBy.set(row.key, new Set(row.definers));
    }
    const stated = await db.read<{ source: string; keys: string[] }>(
      `MATCH (c:Claim) WHERE NOT c.retracted
       WITH c.source AS source, CASE c.kind WHEN 'ENTITY' THEN [c.target] ELSE [c.from, c.to] END AS ends
       UNWIND ends AS key
       RETURN source, collect(DISTINCT key) AS keys`,
    );
    this.statedBy.clear();
    for (const { source, keys } of stated) for (const key of keys) this.statedBy.set(key, (this.statedBy.get(key) ?? new Set()).add(source));
  }

  private remember(key: string, label: EntityLabel, names: string[]): void {
    this.labels.set(key, label);
    for (const name of names) {
      const normalized = normalizeName(name);
      if (!normalized) continue;
      const known = this.byName.get(normalized) ?? [];
      if (!known.some((k) => k.key === key)) known.push({ key, label });
      this.byName.set(normalized, known);
    }
  }

  /** The key a dataset's name stands for, among entities of the wanted labels (the first label is a new entity's). */
  resolve(dataset: string, name: string, want: readonly EntityLabel[]): Resolution {
    // One name may stand for two things of one file (the cluster SingularityNET and its owner): decided per wanted labels.
    const id = `${dataset}\u0000${want.join('|')}\u0000${name}`;
    const decided = this.decisions.get(id);
    if (decided) return decided.resolution;
    const row = this.decided(dataset, name);
    const resolution = row ? this.fromTable(dataset, row, want) : this.byNormalName(dataset, name, want);
    if (resolution.status !== 'ambiguous') this.remember(resolution.key, resolution.label, [name]);
    this.decisions.set(id, { dataset, name, resolution, reason: row?.reason ?? null });
    return resolution;
  }

  /** The reviewed table's row for a dataset's name, if it has one: a lookup that records nothing. */
  decided(dataset: string, name: string): MappingRow | undefined {
    return this.table.find((r) => (r.dataset === dataset || r.dataset === '*') && r.name === name);
  }

  /**
   * The keys a name already stands for, deciding nothing: for a file that only annotates what
   * exists (the SEC's 10,000 filers) and for an alias that must not make another entity's name ambiguous.
   */
  known(name: string, want: readonly EntityLabel[]): string[] {
    return this.candidates(name, want).map((k) => k.key);
  }

  private fromTable(dataset: string, row: MappingRow, want: readonly EntityLabel[]): Resolution {
    if (row.key === UNLINKED) return { status: 'ambiguous', candidates: this.candidates(row.name, want).map((k) => k.key), by: 'table' };
    const existing = this.labels.get(row.key);
    if (existing && !this.definedBy.get(row.key)?.has(dataset)) return { status: 'matched', key: row.key, label: existing, by: 'table' };
    if (existing) return { status: 'new', key: row.key, label: existing, by: 'table' };
    return { status: 'new', key: row.key, label: row.label ?? want[0]!, by: 'table' };
  }

  private candidates(name: string, want: readonly EntityLabel[]): Known[] {
    return (this.byName.get(normalizeName(name)) ?? []).filter((k) => want.includes(k.label));
  }

  /** A dataset's own entity (defined by its earlier import) is defined again: its claim stays stated. */
  private byNormalName(dataset: string, name: string, want: readonly EntityLabel[]): Resolution {
    const found = this.candidates(name, want);
    // A name that became ambiguous after this dataset linked it (another source added a namesake)
    // keeps the one entity the dataset's own statements name: a re-import resolves as the first did.
    const own = found.filter((k) => this.statedBy.get(k.key)?.has(dataset));
    const one = found.length === 1 ? found[0] : own.length === 1 ? own[0] : undefined;
    if (one) return { status: this.definedBy.get(one.key)?.has(dataset) ? 'new' : 'matched', key: one.key, label: one.label, by: 'name' };
    if (found.length > 1) return { status: 'ambiguous', candidates: found.map((k) => k.key).sort(), by: 'name' };
    return { status: 'new', key: this.freshKey(name, want[0]!), label: want[0]!, by: 'name' };
  }

  /** The name's slug, or, where that key is taken by another thing, the slug with its label, then a number. */
  private freshKey(name: string, label: EntityLabel): string {
    const slug = slugOf(name);
    const candidates = [slug, `${slug}-${slugOf(label)}`];
    for (const key of candidates) if (!this.labels.has(key)) return key;
    for (let n = 2; ; n++) if (!this.labels.has(`${candidates[1]}-${n}`)) return `${candidates[1]}-${n}`;
  }
}

/** Reads every `*.tsv` of the mapping folder: dataset, name, key (`?` leaves it unlinked), label, reason. */
export async function readMappingTable(dir: string): Promise<MappingRow[]> {
  const files = (await readdir(dir)).filter((f) => f.endsWith('.tsv')).sort();
  const rows: MappingRow[] = [];
  const problems: { file: string; index: number; line: number; item: string; message: string }[] = [];
  for (const name of files) {
    const file = path.join(dir, name);
    const lines = (await readFile(file, 'utf8')).split('\n');
    const header = lines[0]?.split('\t') ?? [];
    if (header.join('\t') !== 'dataset\tname\tkey\tlabel\treason') {
      problems.push({ file, index: -1, line: 1, item: '(header)', message: 'must be: dataset, name, key, label, reason (tab-separated)' });
      continue;
    }
    lines.slice(1).forEach((text, index) => {
      if (!text.trim() || text.startsWith('#')) return;
      const [dataset, rowName, key, label, reason] = text.split('\t');
      if (!dataset || !rowName || !key || !reason) {
        problems.push({ file, index, line: index + 2, item: rowName ?? '?', message: 'needs a dataset, a name, a key (or ?) and a reason' });
        return;
      }
      rows.push({ dataset, name: rowName, key, label: (label || null) as EntityLabel | null, reason, file: name, line: index + 2 });
    });
  }
  if (problems.length) throw new ValidationFailed(problems);
  return rows;
}
