import { TEXT_LIMITS } from '../../ingest/shapes.js';
import type { PublicImporter } from '../importer.js';
import type { Reconciler } from '../reconcile.js';
import type { RowEvidence, Statements } from '../statements.js';
import type { DatasetRow, DatasetTable } from '../table.js';

const HARDWARE_ID = 'epoch-ml-hardware';
const NAME = 'Hardware name';

/** Chip properties read from the file's numeric columns, as Epoch gives them (SI units). */
const NUMERIC_SPECS = {
  releasePriceUsd: 'Release price (USD)',
  tdpWatts: 'TDP (W)',
  memoryBytes: 'Memory size per board (Byte)',
  memoryBandwidthBytesPerSecond: 'Memory bandwidth (byte/s)',
  bf16FlopsPerSecond: 'Tensor-FP16/BF16 performance (FLOP/s)',
  fp8FlopsPerSecond: 'FP8 performance (FLOP/s)',
  int8OpsPerSecond: 'INT8 performance (OP/s)',
  processNm: 'Process size (nm)',
} as const;

/**
 * A seed chip's name followed by a form factor or memory size (`NVIDIA H100 SXM5 80GB`): a chip of
 * its own, VARIANT_OF the seed chip, with the specs on the variant. See seed/reconciliation/epoch-chips.tsv.
 */
const VARIANT = /^NVIDIA (A100|A800|H100|H200|H800) \S/;

/** Families a name places a chip in unambiguously: Nvidia's model letters, Huawei's series number. */
const FAMILIES: readonly [RegExp, string][] = [
  [/^NVIDIA (HGX )?G?H(100|200|20|800)\b/, 'hopper'],
  [/^NVIDIA G?B(100|200|300)\b/, 'blackwell'],
  [/^Huawei Ascend 910/, 'huawei-ascend-910'],
];

const DATE = /^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$/;

/**
 * The row's record as evidence, cut after a comma into pieces an evidence sentence can hold: a
 * record listing every model trained on a chip runs to several thousand characters.
 */
export function recordEvidence(row: DatasetRow): string[] {
  const limit = TEXT_LIMITS.sentence - 1;
  const pieces: string[] = [];
  let rest = row.raw;
  while (rest.length > limit) {
    const cut = rest.lastIndexOf(',', limit - 1) + 1 || limit;
    pieces.push(rest.slice(0, cut));
    rest = rest.slice(cut);
  }
  return [...pieces, rest];
}

/** A positive finite number, or nothing: an empty cell states nothing, and a spec is never zero. */
function positive(cell: string | undefined): number | undefined {
  if (!cell?.trim()) return undefined;
  const value = Number(cell);
  return Number.isFinite(value) && value > 0 ? value : undefined;
}

function specsOf(row: DatasetRow, vendor: string | null): Record<string, unknown> {
  const cell = (column: string) => row.cells[column]?.trim() || undefined;
  const released = cell('Release date');
  return {
    vendor,
    releasedOn: released && DATE.test(released) ? released : undefined,
    ...Object.fromEntries(Object.entries(NUMERIC_SPECS).map(([field, column]) => [field, positive(row.cells[column])])),
    foundry: cell('Foundry'),
    chipType: cell('Type'),
  };
}

function chipRow(out: Statements, reconciler: Reconciler, row: DatasetRow): void {
  const name = row.cells[NAME]?.trim();
  if (!name) return;
  const said: RowEvidence = { evidence: recordEvidence(row) };
  const manufacturer = row.cells.Manufacturer?.trim();
  const designer = manufacturer ? out.ref(row, manufacturer, ['Company'], () => ({ kind: 'CHIP_DESIGNER' }), said) : null;
  const specs = specsOf(row, designer);
  const chip = out.ref(row, name, ['Chip'], () => specs, said);
  if (!chip) return;
  // A row that is a chip the graph already has (the seed's B100, or H20 by the reviewed table) states its specs.
  if (reconciler.resolve(out.dataset, name, ['Chip']).status === 'matched') out.attributes(row, name, chip, 'Chip', specs, said);
  out.link(row, name, 'DESIGNS', designer, chip, {}, said);
  for (const foundry of (row.cells.Foundry ?? '').split(',').map((f) => f.trim())) {
    if (!foundry) continue;
    out.link(
      row,
      name,
      'FABRICATES',
      out.ref(row, foundry, ['Company'], () => ({ kind: 'OTHER' }), said),
      chip,
      {},
      said,
    );
  }
  const base = VARIANT.exec(name)?.[1]?.toLowerCase();
  if (base && base !== chip) out.link(row, name, 'VARIANT_OF', chip, base, {}, said);
  const family = FAMILIES.find(([pattern]) => pattern.test(name))?.[1];
  if (family) out.link(row, name, 'MEMBER_OF', chip, family, {}, said);
}

const AVAILABLE: Record<string, boolean> = { Y: true, N: false };

/**
 * Epoch's China-availability edition of the hardware file: each accelerator marked Y or N is
 * AVAILABLE_IN China as of November 2024 (before the April 2025 H20 licence requirement), with
 * Epoch's note as evidence where it gives one. A blank mark states nothing.
 */
function availabilityRow(out: Statements, row: DatasetRow): void {
  const name = row.cells['Name of the hardware']?.trim();
  const available = AVAILABLE[row.cells['Available in China']?.trim() ?? ''];
  if (!name || available === undefined) return;
  const record: RowEvidence = { evidence: recordEvidence(row) };
  const chip = out.ref(row, name, ['Chip'], () => ({}), record);
  const note = row.cells['Available in China Notes']?.trim();
  out.link(row, name, 'AVAILABLE_IN', chip, 'china', { available, asOf: '2024-11' }, note ? { evidence: note } : record);
}

export const HARDWARE_IMPORTERS: PublicImporter[] = [
  {
    id: HARDWARE_ID,
    path: 'epoch/ml_hardware/ml_hardware.csv',
    title: 'Data on Machine Learning Hardware',
    publisher: 'Epoch AI',
    authors: ['Epoch AI'],
    url: 'https://epoch.ai/data/machine-learning-hardware',
    license: 'CC BY 4.0',
    columns: [NAME, 'Manufacturer', 'Type', 'Release date', 'Foundry', ...Object.values(NUMERIC_SPECS)],
    build(table: DatasetTable, out: Statements, reconciler: Reconciler) {
      for (const row of table.rows) chipRow(out, reconciler, row);
    },
  },
  {
    id: 'epoch-ml-hardware-china-availability',
    path: 'epoch/ml_hardware_with_availability.csv',
    title: 'Machine Learning Hardware with availability in China (November 2024)',
    publisher: 'Epoch AI',
    authors: ['Epoch AI'],
    url: 'https://github.com/epoch-research/china-ai-trends',
    license: 'CC BY 4.0',
    columns: ['Name of the hardware', 'Available in China', 'Available in China Notes'],
    after: [HARDWARE_ID],
    build(table: DatasetTable, out: Statements) {
      for (const row of table.rows) availabilityRow(out, row);
    },
  },
];
