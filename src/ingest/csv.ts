import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import type { ItemKind } from './shapes.js';
import { kindOfFile, ValidationFailed, type RawFile } from './validate.js';

// CSV files hold the same items as JSON files, one per row. A header names the fields; nested
// relationship properties are `properties.<name>` columns; list fields are `|`-separated; an empty
// cell is an absent field. Numbers and booleans are read only where the shape expects them, so a
// period such as 2024 stays text. A `:json` suffix on a column (`checks:json`, `properties.share:json`)
// reads its cells as JSON, for values no plain cell can hold: a list of objects, a number where text
// is expected, a list item containing `|`.

const LIST_FIELDS = new Set(['aliases', 'authors', 'sources', 'evidence', 'about', 'uses', 'properties.uses']);
const NUMBER_FIELDS = new Set(['value', 'valueMax', 'powerMW', 'chipCount', 'properties.units']);
const BOOLEAN_FIELDS = new Set(['estimate', 'derived', 'properties.estimate', 'properties.partial']);
export const JSON_SUFFIX = ':json';

function cellValue(column: string, cell: string): unknown {
  if (LIST_FIELDS.has(column))
    return cell
      .split('|')
      .map((part) => part.trim())
      .filter(Boolean);
  if (NUMBER_FIELDS.has(column)) {
    // Left as text when it is not a number, so validation reports the cell rather than a NaN.
    const number = Number(cell);
    return cell.trim() !== '' && Number.isFinite(number) ? number : cell;
  }
  if (BOOLEAN_FIELDS.has(column)) return cell === 'true' ? true : cell === 'false' ? false : cell;
  return cell;
}

/** What a cell of `column` (its header, suffix included) holds: undefined for an empty cell. */
export function decodeCell(column: string, raw: string): unknown {
  const cell = raw.trim();
  if (cell === '') return undefined;
  if (!column.endsWith(JSON_SUFFIX)) return cellValue(column, cell);
  try {
    return JSON.parse(cell) as unknown;
  } catch {
    // Validation then names the field, as for any value of the wrong type.
    return cell;
  }
}

function rowToItem(row: Record<string, string>, kind: ItemKind): Record<string, unknown> {
  const item: Record<string, unknown> = {};
  for (const [header, raw] of Object.entries(row)) {
    const value = decodeCell(header, raw);
    if (value === undefined) continue;
    const column = header.endsWith(JSON_SUFFIX) ? header.slice(0, -JSON_SUFFIX.length) : header;
    if (column.startsWith('properties.')) {
      const properties = (item.properties ?? {}) as Record<string, unknown>;
      properties[column.slice('properties.'.length)] = value;
      item.properties = properties;
    } else item[column] = value;
  }
  // A figure the source states without a period has an empty cell; the shape asks for null then.
  if (kind === 'facts' && item.period === undefined) item.period = null;
  return item;
}

export async function readCsvFile(file: string): Promise<RawFile> {
  const text = await readFile(file, 'utf8');
  let records: { record: Record<string, string>; info: { lines: number } }[];
  try {
    records = parse(text, { columns: true, bom: true, skip_empty_lines: true, info: true, relax_column_count: false });
  } catch (error) {
    const line = (error as { lines?: number }).lines;
    throw new ValidationFailed([{ file, index: -1, ...(line ? { line } : {}), item: '(file)', message: `is not valid CSV: ${(error as Error).message}` }]);
  }
  const kind = kindOfFile(file);
  return {
    file,
    kind,
    baseDir: path.dirname(file),
    items: records.map(({ record, info }, index) => ({ value: rowToItem(record, kind), origin: { file, index, line: info.lines } })),
  };
}
