import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { parse } from 'csv-parse/sync';
import { ValidationFailed } from '../ingest/validate.js';

/** One record of a dataset file, with where it is: what a statement's locator and evidence cite. */
export interface DatasetRow {
  /** 1-based line where the record starts (a quoted cell may span lines). */
  line: number;
  cells: Record<string, string>;
  /** The record as the file has it, without its line ending: the evidence where no cell says more. */
  raw: string;
}

export interface DatasetTable {
  file: string;
  header: string[];
  rows: DatasetRow[];
  sha256: string;
}

const refuse = (file: string, message: string, line?: number): never => {
  throw new ValidationFailed([{ file, index: -1, item: '(file)', message, ...(line ? { line } : {}) }]);
};

/** Reads a CSV file by its header; refused, naming them, when any of the `required` columns is missing. */
export async function readCsvTable(file: string, required: readonly string[]): Promise<DatasetTable> {
  const bytes = await readFile(file);
  const text = bytes.toString('utf8').replace(/^\uFEFF/, '');
  let records: { record: Record<string, string>; raw: string; info: { lines: number } }[];
  let header: string[] = [];
  try {
    records = parse(text, {
      columns: (names: string[]) => {
        header = names.map((name) => name.trim());
        return header;
      },
      info: true,
      raw: true,
      // Publishers append rows from other tools: China's lists end some lines with CRLF, the rest with LF.
      record_delimiter: ['\r\n', '\n'],
      skip_empty_lines: true,
      relax_column_count: false,
    });
  } catch (error) {
    const line = (error as { lines?: number }).lines;
    return refuse(file, `is not a readable CSV file: ${(error as Error).message}`, line);
  }
  checkColumns(file, header, required);
  const rows = records.map(({ record, raw, info }) => {
    const body = raw.replace(/\r?\n$/, '');
    return { line: info.lines - (body.match(/\n/g)?.length ?? 0), cells: record, raw: body };
  });
  return { file, header, rows, sha256: sha256Of(bytes) };
}

export function checkColumns(file: string, header: readonly string[], required: readonly string[]): void {
  const missing = required.filter((column) => !header.includes(column));
  if (missing.length) {
    refuse(
      file,
      `lacks the column${missing.length === 1 ? '' : 's'} ${missing.map((c) => `"${c}"`).join(', ')} (its header: ${header.slice(0, 12).join(', ')}${header.length > 12 ? ', …' : ''})`,
    );
  }
}

export function sha256Of(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}
