import { type Problem, ValidationFailed } from '../../ingest/validate.js';
import { normalizeName } from '../names.js';
import type { Reconciler } from '../reconcile.js';
import { omitEmpty, type Statements } from '../statements.js';
import type { DatasetRow, DatasetTable } from '../table.js';

// What the designation lists share: their dates, written three ways, read exactly or refused with
// the row's line; and the lists' other names for a company, kept only where they name no other.

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

function calendarDate(year: number, month: number, day: number): string | null {
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return date.toISOString().slice(0, 10);
}

/** `2024-01-31`, as OpenSanctions writes the 1260H editions. */
export function isoDate(cell: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(cell);
  return m ? calendarDate(Number(m[1]), Number(m[2]), Number(m[3])) : null;
}

/** `31.01.2024`, or `31.01.24` in the older rows: OpenSanctions reads that year as 2024 (its formats `%d.%m.%y`, `%d.%m.%Y`). */
export function dottedDate(cell: string): string | null {
  const m = /^(\d{2})\.(\d{2})\.(\d{2}|\d{4})$/.exec(cell);
  return m ? calendarDate(Number(m[3]!.length === 2 ? `20${m[3]}` : m[3]), Number(m[2]), Number(m[1])) : null;
}

/** `March 12, 2021`, as the FCC writes its inclusion dates. */
export function longUsDate(cell: string): string | null {
  const m = /^([A-Za-z]+) (\d{1,2}), (\d{4})$/.exec(cell);
  const month = m ? MONTHS.indexOf(m[1]!.toLowerCase()) : -1;
  return m && month >= 0 ? calendarDate(Number(m[3]), month + 1, Number(m[2])) : null;
}

/** The problems of a file's rows, all reported together with their lines; a file with any is not written. */
export class RowProblems {
  private readonly problems: Problem[] = [];

  constructor(private readonly table: DatasetTable) {}

  /** The cell as an ISO date; an empty cell states nothing; anything else is the row's problem. */
  date(row: DatasetRow, column: string, parse: (cell: string) => string | null, item: string): string | undefined {
    const cell = (row.cells[column] ?? '').trim();
    if (!cell) return undefined;
    const date = parse(cell);
    if (date) return date;
    this.problems.push({
      file: this.table.file,
      index: this.table.rows.indexOf(row),
      line: row.line,
      item,
      field: column,
      message: `"${cell}" is not a date as this list writes them`,
    });
    return undefined;
  }

  throwIfAny(): void {
    if (this.problems.length) throw new ValidationFailed(this.problems);
  }
}

/** A cell's names, split where the list separates them (`Knownsec,Beijing Kownsec`, `Teal Drones;iDrone`). */
export function namesIn(cell: string | undefined, separator: RegExp): string[] {
  return (cell ?? '')
    .split(separator)
    .map((name) => name.trim())
    .filter(Boolean);
}

/**
 * The companies a list names. Its other names for them ("Huawei Holding", "SMIC"), gathered over all
 * its rows, become aliases only where no other company goes by the same normalised name, in the
 * graph or in the file: "Huawei Holding" normalises to "huawei" (a legal form is dropped), and as an
 * alias it would make every later "Huawei" ambiguous and a re-import resolve differently from the first.
 */
export class ListedCompanies {
  private readonly claimed = new Map<string, Set<string>>();
  private readonly names = new Map<string, Set<string>>();
  /** Companies this file defines: a later row spelling one differently adds nothing beside its definition. */
  readonly defined = new Set<string>();

  constructor(private readonly reconciler: Reconciler) {}

  /** Records the names a row gives a company, before any is kept. */
  claim(key: string, aliases: string[]): void {
    for (const alias of aliases) {
      const normalized = normalizeName(alias);
      this.claimed.set(normalized, (this.claimed.get(normalized) ?? new Set()).add(key));
      this.names.set(key, (this.names.get(key) ?? new Set()).add(alias));
    }
  }

  of(key: string): string[] {
    const own = (keys: Iterable<string>) => [...keys].every((k) => k === key);
    return [...(this.names.get(key) ?? [])].filter((a) => own(this.claimed.get(normalizeName(a)) ?? []) && own(this.reconciler.known(a, ['Company'])));
  }
}

/**
 * The company a row names: defined with what the row states of it (and the file's aliases) when
 * new; where it exists already, those become this list's attributes of it.
 */
export function listedCompany(
  out: Statements,
  reconciler: Reconciler,
  companies: ListedCompanies,
  row: DatasetRow,
  name: string,
  stated: Record<string, unknown> = {},
  description?: string,
): string | null {
  const resolution = reconciler.resolve(out.dataset, name, ['Company']);
  const kept = resolution.status === 'ambiguous' ? [] : companies.of(resolution.key);
  const key = out.ref(row, name, ['Company'], () => ({ kind: 'UNSTATED', description, ...stated, aliases: kept }));
  if (key && resolution.status === 'new') companies.defined.add(key);
  else if (key && resolution.status === 'matched' && !companies.defined.has(key)) {
    const values = omitEmpty({ ...stated, aliases: kept.length ? kept : undefined });
    if (Object.keys(values).length) out.attributes(row, name, key, resolution.label, values);
  }
  return key;
}
