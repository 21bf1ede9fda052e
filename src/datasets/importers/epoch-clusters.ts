import type { Confidence, DATA_CENTER_STATUSES, EntityLabel } from '../../core/model.js';
import { ValidationFailed } from '../../ingest/validate.js';
import type { PublicImporter } from '../importer.js';
import type { Reconciler } from '../reconcile.js';
import type { RowEvidence, Statements } from '../statements.js';
import type { DatasetRow, DatasetTable } from '../table.js';
import { numberCell, recordText } from './epoch-cells.js';

const DATASET = 'epoch-gpu-clusters';
const STATUS: Record<string, (typeof DATA_CENTER_STATUSES)[number]> = {
  Existing: 'OPERATING',
  Planned: 'PLANNED',
  Decommissioned: 'DECOMMISSIONED',
};
const CERTAINTY: Record<string, Confidence> = { Confirmed: 'CONFIRMED', Likely: 'LIKELY', Unlikely: 'UNLIKELY' };
/** Epoch publishes every Chinese system under this one name, without owner or chips. */
const ANONYMIZED = 'Anonymized Chinese System';
const SOURCE_COLUMNS = ['Source 1', 'Source 2', 'Source 3', 'Source 4', 'Source 5'];
const CHIPS = [
  ['Chip type (primary)', 'Chip quantity (primary)'],
  ['Chip type (secondary)', 'Chip quantity (secondary)'],
] as const;

/**
 * ISO 3166-1 codes of the country spellings the file uses: a country new to the graph needs one.
 * A spelling not here links only to a country or region the graph already has.
 */
const ISO_CODES: Record<string, string> = {
  Australia: 'AU',
  Brazil: 'BR',
  Canada: 'CA',
  China: 'CN',
  Czechia: 'CZ',
  Denmark: 'DK',
  Finland: 'FI',
  France: 'FR',
  Germany: 'DE',
  Iceland: 'IS',
  India: 'IN',
  Indonesia: 'ID',
  Israel: 'IL',
  Italy: 'IT',
  Japan: 'JP',
  'Korea (Republic of)': 'KR',
  Luxembourg: 'LU',
  Malaysia: 'MY',
  Mexico: 'MX',
  Netherlands: 'NL',
  Norway: 'NO',
  'Philippines (the)': 'PH',
  Poland: 'PL',
  Russia: 'RU',
  'Saudi Arabia': 'SA',
  Singapore: 'SG',
  Slovenia: 'SI',
  Spain: 'ES',
  Sweden: 'SE',
  Switzerland: 'CH',
  Taiwan: 'TW',
  Thailand: 'TH',
  'United Arab Emirates': 'AE',
  'United Kingdom of Great Britain and Northern Ireland': 'GB',
  'United States of America': 'US',
  Vietnam: 'VN',
};

/** A company named as an owner or user; what it does the file does not say. */
export const company = (label: EntityLabel) => (label === 'Company' ? { kind: 'UNSTATED' } : {});

/** The country or region a row names, defining a country the graph lacks when its ISO code is known. */
function country(out: Statements, reconciler: Reconciler, row: DatasetRow, name: string, said: RowEvidence): string | null {
  const isoCode = ISO_CODES[name];
  if (!isoCode && reconciler.resolve(out.dataset, name, ['Country', 'Region']).status === 'new') {
    out.unlinked++;
    return null;
  }
  return out.ref(row, name, ['Country', 'Region'], () => ({ isoCode }), said);
}

/**
 * Epoch AI's GPU clusters (`gpu_clusters.csv`): each row is one AI supercomputer, or one phase of
 * one, as a DataCenter of kind CLUSTER with its owners, users, country, chips and figures. The
 * row's Quote (the cited page's words) is the evidence where it has one, with the record beside it
 * for figures, whose stated cell must be in their evidence.
 */
function build(table: DatasetTable, out: Statements, reconciler: Reconciler): void {
  // Epoch's own flag for a row it leaves out (no row of the 2025 file has it).
  const rows = table.rows.filter((row) => !row.cells.Exclude?.trim());
  const keys = new Map<string, string>();
  let anonymized = 0;
  const clusters = rows.map((row) => {
    const name = row.cells.Name!.trim();
    const key =
      name === ANONYMIZED ? anonymizedSystem(out, table.file, row, ++anonymized) : out.ref(row, name, ['DataCenter'], () => fields(table.file, row), said(row));
    if (key && name !== ANONYMIZED) keys.set(name, key);
    return { row, name, key };
  });
  for (const { row, name, key } of clusters) {
    if (!key) continue;
    if (name !== ANONYMIZED) phases(out, reconciler, row, name, key, keys);
    statements(out, reconciler, row, name, key);
  }
}

function said(row: DatasetRow): RowEvidence {
  const quote = row.cells.Quote?.trim();
  return { evidence: quote || recordText(row), confidence: CERTAINTY[row.cells.Certainty!.trim()] ?? null };
}

function status(file: string, row: DatasetRow): (typeof DATA_CENTER_STATUSES)[number] {
  const status = STATUS[row.cells.Status!.trim()];
  if (!status) {
    const message = `has the Status "${row.cells.Status}", which is none of ${Object.keys(STATUS).join(', ')}`;
    throw new ValidationFailed([{ file, index: row.line, line: row.line, item: row.cells.Name ?? '?', message }]);
  }
  return status;
}

/** The cluster's own fields: what the row says of it, and the pages Epoch cites for it. */
function fields(file: string, row: DatasetRow) {
  const pages = SOURCE_COLUMNS.map((column) => row.cells[column]?.trim()).filter(Boolean);
  return {
    kind: 'CLUSTER',
    status: status(file, row),
    firstOperationalOn: row.cells['First Operational Date']?.trim(),
    address: row.cells.Location?.replace(/\s+/g, ' ').trim(),
    description: pages.length ? `Pages Epoch AI cites for this cluster: ${pages.join(' ')}` : null,
  };
}

/** One anonymized system: Epoch gives them no name of their own, so they are numbered in file order. */
function anonymizedSystem(out: Statements, file: string, row: DatasetRow, number: number): string {
  const key = `anonymized-chinese-system-${number}`;
  out.entity(row, ANONYMIZED, { key, label: 'DataCenter', name: `${ANONYMIZED} (Epoch #${number})`, ...fields(file, row) }, said(row));
  return key;
}

/**
 * Phases: Builds Upon and Superseded by name other clusters of the file (by Name; a name with a
 * comma is tried whole first). A cluster named `X Phase n` is a phase of X where the reviewed table
 * says which data center X is (the article's Colossus for Epoch's Memphis phases).
 */
function phases(out: Statements, reconciler: Reconciler, row: DatasetRow, name: string, key: string, keys: Map<string, string>): void {
  const named = (cell: string | undefined) => {
    const text = cell?.trim();
    if (!text) return [];
    const parts = keys.has(text) ? [text] : text.split(',').map((part) => part.trim());
    return parts.filter(Boolean).map((part) => {
      const found = keys.get(part) ?? null;
      if (!found) out.unlinked++;
      return found;
    });
  };
  for (const earlier of named(row.cells['Builds Upon'])) out.link(row, name, 'BUILDS_UPON', key, earlier, {}, said(row));
  for (const later of named(row.cells['Superseded by'])) out.link(row, name, 'BUILDS_UPON', later, key, {}, said(row));
  const whole = /^(.+?)\s+Phase\s+\d+$/.exec(name)?.[1];
  if (whole && reconciler.decided(DATASET, whole)) {
    out.link(
      row,
      name,
      'PHASE_OF',
      key,
      out.ref(row, whole, ['DataCenter'], () => ({}), said(row)),
      {},
      said(row),
    );
  }
}

function statements(out: Statements, reconciler: Reconciler, row: DatasetRow, name: string, key: string): void {
  const evidence = said(row);
  const names = (cell: string | undefined) =>
    (cell ?? '')
      .split(',')
      .map((part) => part.trim())
      .filter(Boolean);
  for (const owner of names(row.cells.Owner))
    out.link(row, name, 'OPERATES', out.ref(row, owner, ['Company', 'CompanyGroup'], company, evidence), key, {}, evidence);
  for (const user of names(row.cells.Users)) out.link(row, name, 'USES', out.ref(row, user, ['Company', 'CompanyGroup'], company, evidence), key, {}, evidence);
  const place = row.cells.Country?.trim();
  if (place) out.link(row, name, 'LOCATED_IN', key, country(out, reconciler, row, place, evidence), {}, evidence);
  const date = row.cells['First Operational Date']?.trim() || undefined;
  for (const [typeColumn, quantityColumn] of CHIPS) {
    const chip = row.cells[typeColumn]?.trim();
    const units = numberCell(row.cells[quantityColumn]);
    if (chip)
      out.link(
        row,
        name,
        'HOSTS',
        key,
        out.ref(row, chip, ['Chip', 'ChipFamily'], () => ({}), evidence),
        { units },
        evidence,
      );
    // A count of chips the file does not name (the anonymized systems') is a figure of the cluster.
    else if (units !== null) figure(out, row, name, key, 'CHIP_COUNT', 'UNITS', quantityColumn, date);
  }
  figure(out, row, name, key, 'DATA_CENTER_CAPACITY', 'MEGAWATT', 'Power Capacity (MW)', date);
  figure(out, row, name, key, 'H100_EQUIVALENTS', 'UNITS', 'H100 equivalents', date);
  figure(out, row, name, key, 'HARDWARE_COST', 'USD', 'Hardware Cost', date);
}

/** A figure of one cell, dated with the cluster's first operational date where the row gives one. */
function figure(out: Statements, row: DatasetRow, name: string, key: string, metric: string, unit: string, column: string, date: string | undefined): void {
  const stated = row.cells[column]?.trim() ?? '';
  const value = numberCell(stated);
  if (value === null) return;
  const { evidence, confidence } = said(row);
  const record = recordText(row, stated);
  out.figure(
    row,
    name,
    {
      subject: key,
      metric,
      value,
      unit,
      stated,
      date,
      note: date ? `Dated with the cluster's first operational date (${column}).` : `${column}; the row gives no date.`,
    },
    { evidence: evidence === record ? record : [evidence as string, record], confidence },
  );
}

export const CLUSTER_IMPORTERS: PublicImporter[] = [
  {
    id: DATASET,
    path: 'epoch/gpu_clusters/gpu_clusters.csv',
    title: 'Data on GPU Clusters',
    publisher: 'Epoch AI',
    authors: ['Epoch AI'],
    url: 'https://epoch.ai/data/gpu-clusters',
    license: 'CC BY 4.0',
    columns: [
      'Name',
      'Status',
      'Certainty',
      'H100 equivalents',
      'Chip type (primary)',
      'Chip quantity (primary)',
      'Country',
      'Owner',
      'First Operational Date',
      'Power Capacity (MW)',
      'Hardware Cost',
      'Location',
      'Users',
      'Quote',
      'Builds Upon',
      'Superseded by',
      'Chip type (secondary)',
      'Chip quantity (secondary)',
      'Exclude',
      ...SOURCE_COLUMNS,
    ],
    build,
  },
];
