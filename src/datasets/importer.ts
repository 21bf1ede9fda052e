import type { Reconciler } from './reconcile.js';
import type { Statements } from './statements.js';
import type { DatasetTable } from './table.js';

/** One published file the atlas can import: where it lives, who publishes it, and how its rows become statements. */
export interface PublicImporter {
  /** The dataset's id, also the key of its Source: `epoch-gpu-clusters`. */
  id: string;
  /** Where the file sits in a folder laid out like the publishers' downloads (`../shared/datasets`). */
  path: string;
  title: string;
  publisher: string;
  authors?: string[];
  /** The publisher's page for the dataset, where users download the file. */
  url: string;
  license: string;
  /** Columns the importer reads; a file without them is refused, naming them. */
  columns: readonly string[];
  /** Reads the file when it is not a CSV with a header row (the SEC's JSON). */
  read?: (file: string) => Promise<DatasetTable>;
  /** Datasets whose entities this one refers to, imported before it when present. */
  after?: string[];
  build(table: DatasetTable, out: Statements, reconciler: Reconciler): void;
}
