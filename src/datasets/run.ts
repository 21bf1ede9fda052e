import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { Database } from '../db/database.js';
import { graphKeyLookup } from '../ingest/index.js';
import { ValidationFailed, validateFiles, type RawFile } from '../ingest/validate.js';
import { writeDataset } from '../ingest/write.js';
import { PUBLIC_IMPORTERS } from './catalog.js';
import type { PublicImporter } from './importer.js';
import { Reconciler, readMappingTable, type NameDecision } from './reconcile.js';
import { Statements } from './statements.js';
import { readCsvTable, type DatasetTable } from './table.js';

export interface PublicImportOptions {
  /** The reviewed mapping table's folder (seed/reconciliation). */
  mappingDir: string;
  /** Read, reconcile and validate everything; write nothing. */
  dryRun?: boolean;
  /** The dataset a single file is, when a file rather than a folder is given. */
  dataset?: string;
  /** Told when a file is read: its rows, and the statements it makes (what onProgress counts). */
  onFile?: (importer: PublicImporter, rows: number, statements: number) => void;
  onProgress?: (rows: number) => void;
}

/** What importing one file did. */
export interface FileReport {
  dataset: string;
  file: string;
  rows: number;
  statements: number;
  added: number;
  changed: number;
  retracted: number;
  unchanged: number;
  changeSet: string | null;
  unlinked: number;
  ms: number;
}

export interface PublicImportReport {
  files: FileReport[];
  names: NameDecision[];
  dryRun: boolean;
  ms: number;
}

/**
 * Imports every known dataset file found in a folder laid out like the publishers' downloads (or
 * one file): each file is validated whole and written in one transaction as the complete statement
 * of its source, so re-importing it unchanged writes nothing, and a newer file adds, changes and
 * retracts only that source's statements.
 */
export async function importPublic(db: Database, target: string, options: PublicImportOptions): Promise<PublicImportReport> {
  const started = performance.now();
  const found = await findFiles(target, options.dataset);
  if (!found.length) {
    throw new ValidationFailed([
      { file: target, index: -1, item: '(folder)', message: `holds none of the known dataset files (${PUBLIC_IMPORTERS.map((i) => i.path).join(', ')})` },
    ]);
  }
  const reconciler = await Reconciler.load(db, await readMappingTable(options.mappingDir));
  const files: FileReport[] = [];
  const pending: RawFile[] = [];
  for (const [index, { importer, file }] of found.entries()) {
    const fileStarted = performance.now();
    const table = await readTable(importer, file);
    const out = new Statements(importer.id, file, importer.id, reconciler);
    importer.build(table, out, reconciler);
    const raw = [await sourceFile(importer, file, table), ...out.rawFiles()];
    const statements = raw.reduce((n, f) => n + f.items.length, 0);
    options.onFile?.(importer, table.rows.length, statements);
    const report: FileReport = {
      dataset: importer.id,
      file,
      rows: table.rows.length,
      statements,
      added: 0,
      changed: 0,
      retracted: 0,
      unchanged: statements,
      changeSet: null,
      unlinked: out.unlinked,
      ms: 0,
    };
    if (options.dryRun) pending.push(...raw);
    else {
      const dataset = await validateFiles(raw, graphKeyLookup(db));
      const written = await writeDataset(db, dataset, {
        principal: `dataset:${importer.id}`,
        complete: true,
        keepReplaced: true,
        onProgress: options.onProgress,
      });
      if (written.changeSet) {
        const { id, added, changed, retracted } = written.changeSet;
        Object.assign(report, { changeSet: id, added, changed, retracted, unchanged: Math.max(0, statements - added - changed) });
      }
      // For the next file's names; after the last one it would only re-read the whole graph.
      if (index < found.length - 1) await reconciler.refresh(db);
    }
    report.ms = Math.round(performance.now() - fileStarted);
    files.push(report);
  }
  // A dry run validates all files together: keys one file would create are there for the next.
  if (options.dryRun) await validateFiles(pending, graphKeyLookup(db));
  return { files, names: [...reconciler.decisions.values()], dryRun: Boolean(options.dryRun), ms: Math.round(performance.now() - started) };
}

/** The known files present under a folder, in import order; or the one file given, recognised by its header. */
async function findFiles(target: string, dataset: string | undefined): Promise<{ importer: PublicImporter; file: string }[]> {
  const info = await stat(target).catch(() => null);
  if (!info) throw new ValidationFailed([{ file: target, index: -1, item: '(path)', message: 'does not exist' }]);
  if (info.isDirectory()) {
    const present = await Promise.all(
      PUBLIC_IMPORTERS.map(async (importer) => {
        const file = path.join(target, importer.path);
        return (await stat(file).catch(() => null))?.isFile() ? { importer, file } : null;
      }),
    );
    return present.filter((entry): entry is { importer: PublicImporter; file: string } => entry !== null);
  }
  const importer = dataset ? PUBLIC_IMPORTERS.find((i) => i.id === dataset) : PUBLIC_IMPORTERS.find((i) => path.basename(i.path) === path.basename(target));
  if (!importer) {
    const known = PUBLIC_IMPORTERS.map((i) => i.id).join(', ');
    throw new ValidationFailed([
      {
        file: target,
        index: -1,
        item: '(file)',
        message: dataset ? `"${dataset}" is not a known dataset (${known})` : `is not a known dataset file by its name: say which with --dataset (${known})`,
      },
    ]);
  }
  return [{ importer, file: target }];
}

/** The file as its importer reads it; a file of another dataset is named as such rather than half-read. */
async function readTable(importer: PublicImporter, file: string): Promise<DatasetTable> {
  try {
    return importer.read ? await importer.read(file) : await readCsvTable(file, importer.columns);
  } catch (error) {
    if (!(error instanceof ValidationFailed) || importer.read) throw error;
    const header = await readCsvTable(file, []).then(
      (t) => t.header,
      () => null,
    );
    const other = header && PUBLIC_IMPORTERS.find((i) => i !== importer && !i.read && i.columns.every((c) => header.includes(c)));
    if (!other) throw error;
    throw new ValidationFailed([
      { file, index: -1, item: '(file)', message: `is a file of ${other.title} (${other.id}), not of ${importer.title} (${importer.id}): refused` },
    ]);
  }
}

/** The dataset as a source: publisher, title, page, license, the file's sha256 and row count, and when it was read. */
async function sourceFile(importer: PublicImporter, file: string, table: DatasetTable): Promise<RawFile> {
  const retrievedOn = (await stat(file)).mtime.toISOString().slice(0, 10);
  const value = {
    key: importer.id,
    kind: 'DATASET',
    title: importer.title,
    publisher: importer.publisher,
    authors: importer.authors,
    url: importer.url,
    license: importer.license,
    sha256: table.sha256,
    rowCount: table.rows.length,
    retrievedOn,
    language: 'en',
    note: `File ${importer.path}.`,
  };
  return { file, kind: 'sources', baseDir: null, items: [{ value, origin: { file, index: 0 } }] };
}
