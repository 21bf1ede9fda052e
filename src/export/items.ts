import type { z } from 'zod';
import { entitySchema, factSchema, quoteSchema, relationshipSchema, sourceSchema } from '../ingest/shapes.js';

// Items leave in the shapes import files use, so an export is itself an importable dataset.
export type ExportedSource = z.input<typeof sourceSchema>;
export type ExportedEntity = z.input<typeof entitySchema>;
export type ExportedRelationship = z.input<typeof relationshipSchema>;
export type ExportedFact = z.input<typeof factSchema>;
export type ExportedQuote = z.input<typeof quoteSchema>;

export interface ExportedGraph {
  sources: ExportedSource[];
  entities: ExportedEntity[];
  relationships: ExportedRelationship[];
  facts: ExportedFact[];
  quotes: ExportedQuote[];
  /** Source key -> the full text stored with that source. */
  texts: Map<string, string>;
  /** The graph version (latest change set) the export was read at. */
  version: string | null;
}

export type Properties = Record<string, unknown>;

// Fields in the order the shapes declare them, so exported files read like the seed files.
export const SOURCE_FIELDS = Object.keys(sourceSchema.shape);
export const RELATIONSHIP_FIELDS = Object.keys(relationshipSchema.shape);
export const FACT_FIELDS = Object.keys(factSchema.shape);
export const QUOTE_FIELDS = Object.keys(quoteSchema.shape);
export const ENTITY_FIELDS = new Map<string, string[]>(
  entitySchema.options.map((option) => [option.shape.label.value, ['key', 'label', ...Object.keys(option.shape)]]),
);

/**
 * Declared fields first, in declaration order, then any the shapes do not know (which validation
 * will then name, rather than the export silently losing them). Absent values are left out.
 */
export function inFieldOrder(item: Properties, fields: string[]): Properties {
  const names = [...new Set([...fields, ...Object.keys(item).sort()])];
  return Object.fromEntries(names.filter((name) => item[name] !== undefined).map((name) => [name, item[name]]));
}
