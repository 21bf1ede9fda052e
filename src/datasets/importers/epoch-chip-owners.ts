import type { PublicImporter } from '../importer.js';
import type { Statements } from '../statements.js';
import type { DatasetRow, DatasetTable } from '../table.js';

const FOLDER = 'epoch/ai-chip-counts/owners_csv_export';
const NOTE = 'Epoch AI estimate: median with 5th–95th percentile interval';
const H100E = ['Compute estimate in H100e (median)', 'H100e (5th percentile)', 'H100e (95th percentile)'] as const;

/**
 * Owners that are not companies: Epoch's `China` sums every buyer in China (never the country,
 * never one firm), and `Other` is the rest of the market, whatever the file's note says it excludes.
 */
const AGGREGATES: Record<string, { key: string; name: string; description: string; in?: string }> = {
  China: {
    key: 'china-ai-chip-buyers',
    name: 'Buyers in China (Epoch AI aggregate)',
    description:
      'Every buyer of AI chips in China taken together, the owner "China" of Epoch AI\'s chip-owner estimates: an aggregate of companies, not the country and not one company.',
    in: 'china',
  },
  Other: {
    key: 'other-ai-chip-buyers',
    name: 'Other buyers of AI chips (Epoch AI aggregate)',
    description:
      'The owner "Other" of Epoch AI\'s chip-owner estimates: every buyer the estimates do not name. Which owners it excludes differs by file and is stated in each row\'s Notes (e.g. "Excludes Microsoft, Meta, Oracle, China").',
  },
};

/** Epoch's merged `H100/H200` class: its counts are of the two chips together, never of either. */
const MERGED = {
  name: 'H100/H200',
  key: 'h100-h200',
  entity: {
    label: 'ChipFamily',
    name: 'H100/H200 (Epoch merged class)',
    vendor: 'nvidia',
    description:
      'Epoch AI counts Nvidia H100 and H200 chips as one class, "H100/H200": its figures are of both chips together and are not the count of either chip.',
  },
  members: ['h100', 'h200'],
  family: 'hopper',
} as const;

/** 12/31/2025 → 2025-12-31; null for anything else. */
function isoDate(cell: string | undefined): string | null {
  const parts = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(cell?.trim() ?? '');
  return parts ? `${parts[3]}-${parts[1]!.padStart(2, '0')}-${parts[2]!.padStart(2, '0')}` : null;
}

const quarterOf = (iso: string) => `${iso.slice(0, 4)}Q${Math.ceil(Number(iso.slice(5, 7)) / 3)}`;

/** An integer count as the file writes it, or nothing. */
function count(cell: string | undefined): number | undefined {
  const value = cell?.trim() ? Number(cell) : Number.NaN;
  return Number.isFinite(value) ? value : undefined;
}

function owner(out: Statements, row: DatasetRow): string | null {
  const name = row.cells.Owner!.trim();
  const aggregate = AGGREGATES[name];
  if (!aggregate) return out.ref(row, name, ['Company', 'CompanyGroup'], () => ({ kind: 'UNSTATED' }));
  out.entity(row, name, { key: aggregate.key, label: 'CompanyGroup', name: aggregate.name, description: aggregate.description });
  if (aggregate.in) out.link(row, name, 'LOCATED_IN', aggregate.key, aggregate.in);
  return aggregate.key;
}

function chip(out: Statements, row: DatasetRow): string | null {
  const name = row.cells['Chip type']!.trim();
  if (name === MERGED.name) {
    out.entity(row, name, { key: MERGED.key, ...MERGED.entity });
    for (const member of MERGED.members) out.link(row, name, 'MEMBER_OF', member, MERGED.key);
    out.link(row, name, 'MEMBER_OF', MERGED.key, MERGED.family);
    return MERGED.key;
  }
  const manufacturer = row.cells['Chip manufacturer']?.trim();
  return out.ref(row, name, ['Chip'], () => ({
    vendor: manufacturer ? out.ref(row, manufacturer, ['Company'], () => ({ kind: 'CHIP_DESIGNER' })) : null,
  }));
}

interface OwnerFile {
  /** `nvidia-quarters-by-chip`: the source key's tail. */
  id: string;
  file: string;
  what: string;
  cumulative: boolean;
  /** AMD's by-chip files name the median units column apart from the percentiles. */
  unitsMedian?: string;
}

/**
 * One row: an owner's estimated chips of one kind, bought in a quarter (CHIP_PURCHASES) or held at
 * its end (CHIP_COUNT, with H100 equivalents), as Epoch's median with its 5th–95th percentile
 * interval; and the owner BUYS the chip, an estimate, so chip questions reach the owner.
 */
function ownerRow(out: Statements, spec: OwnerFile, row: DatasetRow): void {
  const start = isoDate(row.cells['Start date']);
  const end = isoDate(row.cells['End date']);
  const subject = owner(out, row);
  const item = chip(out, row);
  if (!start || !end || !subject || !item) return;
  const name = row.cells.Name?.trim() || `${row.cells.Owner} ${row.cells['Chip type']}`;
  out.link(row, name, 'BUYS', subject, item, { estimate: true });
  const notes = row.cells.Notes?.trim();
  const incomplete = Boolean(row.cells.Incomplete?.trim()) || /\bIncomplete:/.test(notes ?? '');
  const note = `${NOTE}${incomplete ? '; Epoch flags the period Incomplete' : ''}.${notes ? ` Epoch's note: ${notes}` : ''}`;
  const when = spec.cumulative
    ? { period: quarterOf(end), date: end }
    : { period: quarterOf(start) === quarterOf(end) ? quarterOf(end) : `${quarterOf(start)}-${quarterOf(end)}` };
  const figure = (metric: string, [median, low, high]: readonly string[]) => {
    const stated = row.cells[median!]?.trim() ?? '';
    const [value, valueLow, valueHigh] = [median, low, high].map((column) => count(row.cells[column!]));
    if (value === undefined) return;
    const interval = valueLow !== undefined && valueHigh !== undefined ? { valueLow, valueHigh } : {};
    // EXACT: the value is the median exactly as Epoch states it; estimate and interval say how sure.
    out.figure(
      row,
      name,
      { subject, metric, ...when, item, value, ...interval, qualifier: 'EXACT', unit: 'UNITS', stated, estimate: true, estimatedBy: out.source },
      { note },
    );
  };
  figure(spec.cumulative ? 'CHIP_COUNT' : 'CHIP_PURCHASES', [
    spec.unitsMedian ?? 'Number of Units',
    'Number of Units (5th percentile)',
    'Number of Units (95th percentile)',
  ]);
  // H100 equivalents held: a quarter's purchases in H100e have no metric of their own.
  if (spec.cumulative) figure('H100_EQUIVALENTS', H100E);
}

function ownerImporter(spec: OwnerFile): PublicImporter {
  const unitsMedian = spec.unitsMedian ?? 'Number of Units';
  return {
    id: `epoch-chip-owners-${spec.id}`,
    path: `${FOLDER}/${spec.file}`,
    title: `AI chip owners: ${spec.what} (Epoch AI)`,
    publisher: 'Epoch AI',
    authors: ['Epoch AI'],
    url: 'https://github.com/epoch-research/ai-chip-counts',
    license: 'MIT License, © 2025 Epoch AI',
    columns: [
      'Name',
      'Chip manufacturer',
      'Owner',
      'Start date',
      'End date',
      'Chip type',
      ...H100E,
      unitsMedian,
      'Number of Units (5th percentile)',
      'Number of Units (95th percentile)',
      'Notes',
    ],
    after: ['epoch-ml-hardware'],
    build(table: DatasetTable, out: Statements) {
      for (const row of table.rows) ownerRow(out, spec, row);
    },
  };
}

const VENDORS = [
  { id: 'nvidia', file: 'nvidia_owners', what: 'Nvidia chips of named owners and China' },
  { id: 'nvidia-other', file: 'nvidia_owners_OTHER', what: 'Nvidia chips of other owners' },
  { id: 'amd', file: 'amd_owners', what: 'AMD chips by owner', unitsMedian: 'Number of Units (median)' },
  { id: 'tpu', file: 'tpu_owners', what: 'Google TPUs' },
  { id: 'trainium', file: 'trainium_owners', what: 'Amazon Trainium chips' },
  { id: 'coreweave', file: 'coreweave/coreweave_owners', what: "CoreWeave's Nvidia chips" },
];

export const CHIP_OWNER_IMPORTERS: PublicImporter[] = VENDORS.flatMap(({ id, file, what, unitsMedian }) => [
  ownerImporter({ id: `${id}-quarters-by-chip`, file: `${file}_quarters_by_chip.csv`, what: `${what}, bought per quarter`, cumulative: false, unitsMedian }),
  ownerImporter({ id: `${id}-cumulative-by-chip`, file: `${file}_cumulative_by_chip.csv`, what: `${what}, held cumulatively`, cumulative: true, unitsMedian }),
]);
