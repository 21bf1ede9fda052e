import type { Confidence } from '../../core/model.js';
import { TEXT_LIMITS } from '../../ingest/shapes.js';
import type { DatasetRow } from '../table.js';

// How Epoch AI's cluster and data-center files write what they state: numbers as decimals
// ("150000.0"), coordinates in degrees-minutes-seconds, names tagged with Epoch's confidence.

/**
 * The row's record as evidence: whole where it fits one evidence sentence, else the verbatim part
 * of it around `cell` (a site's record carries a long satellite-image cell no sentence can hold).
 */
export function recordText(row: DatasetRow, cell?: string): string {
  const limit = TEXT_LIMITS.sentence;
  if (row.raw.length <= limit) return row.raw;
  const at = cell ? Math.max(0, row.raw.indexOf(cell)) : 0;
  const start = Math.max(0, Math.min(at - limit / 2, row.raw.length - limit));
  return row.raw.slice(start, start + limit);
}

/** A cell's number as written; null for an empty or non-numeric cell, which states no figure. */
export function numberCell(text: string | undefined): number | null {
  const trimmed = text?.trim() ?? '';
  if (!/^-?\d+(\.\d+)?(e[+-]?\d+)?$/i.test(trimmed)) return null;
  return Number(trimmed);
}

const TAGS: Record<string, Confidence> = { confident: 'CONFIDENT', likely: 'LIKELY', speculative: 'SPECULATIVE' };

/** A comma-separated cell of names, each with Epoch's optional tag: `OpenAI #likely, Microsoft #likely`. */
export function taggedNames(cell: string | undefined): { name: string; confidence: Confidence | null }[] {
  return (cell ?? '')
    .split(',')
    .map((part) => {
      const tag = /\s#(\w+)\s*$/.exec(part);
      const name = (tag ? part.slice(0, tag.index) : part).trim();
      return { name, confidence: tag ? (TAGS[tag[1]!.toLowerCase()] ?? null) : null };
    })
    .filter((entry) => entry.name);
}

/** `35°03'35"N` as decimal degrees (south and west negative); null when the cell is not one coordinate. */
export function decimalDegrees(cell: string | undefined): number | null {
  const match = /^\s*(\d+)°\s*(\d+)'\s*(\d+(?:\.\d+)?)"\s*([NSEW])\s*$/.exec(cell ?? '');
  if (!match) return null;
  const [, degrees, minutes, seconds, hemisphere] = match;
  const value = Number(degrees) + Number(minutes) / 60 + Number(seconds) / 3600;
  return hemisphere === 'S' || hemisphere === 'W' ? -value : value;
}
