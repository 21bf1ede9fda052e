// Names for the shapes the views share, taken from the generated answer types (generated.ts). The
// selections come from fragments.ts, so each shape is the same in every query that selects it: a
// view handing one query's relation to a widget typed by another's is checked by the compiler.
import type { ConflictsQuery, NeighborhoodQuery, PathsQuery, TotalsQuery } from './generated.js';

export type Subgraph = NonNullable<NeighborhoodQuery['neighborhood']>;
export type EntityRef = Subgraph['nodes'][number];
export type Relation = Subgraph['relationships'][number];
/** One source's statement of a link: its values, its evidence, and whether it is the one shown. */
export type Support = Relation['support'][number];
export type SourceRef = Relation['sources'][number];
export type Path = PathsQuery['paths'][number];
export type Figure = TotalsQuery['financialTotals'][number]['facts'][number];
/** A place where sources disagree: every value with the sources that give it. */
export type Conflict = ConflictsQuery['conflicts']['edges'][number]['node'];

/** What a link and a figure both carry: the sentences they rest on and their sources. */
export type Evidenced = Pick<Relation, 'derived' | 'basis' | 'evidence' | 'evidenceSentences' | 'note' | 'sources'>;
