// The shapes the explorer's queries select; fields match schema/schema.graphql.

export interface EntityRef {
  key: string;
  label: string;
  name: string;
  nameZh: string | null;
}

export interface SourceRef {
  key: string;
  title: string;
  titleEn: string | null;
  publisher: string | null;
  publishedOn: string | null;
  url: string | null;
  citation: string | null;
}

/** STATED by a source, DERIVED by the curators from source sentences, or the CURATOR's general knowledge alone. */
export type Basis = 'STATED' | 'DERIVED' | 'CURATOR';

export interface Evidenced {
  derived: boolean;
  basis: Basis;
  evidence: string | null;
  evidenceSentences: string[];
  note: string | null;
  sources: SourceRef[];
}

/** One source's statement of a link: its values, its evidence, and whether it is the one shown. */
export interface Support {
  preferred: boolean;
  derived: boolean;
  evidenceSentences: string[];
  note: string | null;
  properties: Record<string, unknown>;
  sources: SourceRef[];
}

export interface Relation extends Evidenced {
  type: string;
  from: EntityRef;
  to: EntityRef;
  properties: Record<string, unknown>;
  /** Every source's statement, the preferred first. */
  support: Support[];
}

/** A place where sources disagree: every value with the sources that give it (API `Conflict`). */
export interface Conflict {
  id: string;
  kind: 'LINK' | 'FIGURE' | 'ENTITY';
  subject: EntityRef | null;
  object: EntityRef | null;
  about: string;
  period: string | null;
  rule: string;
  values: { value: unknown; preferred: boolean; support: Support[] }[];
}

export interface Subgraph {
  nodes: EntityRef[];
  relationships: Relation[];
  truncated: boolean;
}

export interface Path {
  length: number;
  nodes: EntityRef[];
  relationships: Relation[];
}

export interface Figure extends Evidenced {
  key: string;
  metric: string;
  period: string | null;
  value: number;
  valueMax: number | null;
  unit: string;
  stated: string;
  qualifier: string;
  estimate: boolean;
  subject: EntityRef | null;
}
