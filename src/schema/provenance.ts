import type { ObjectRef } from '@pothos/core';
import type { EntityRecord } from '../graph/records.js';
import { builder, type AtlasSchemaTypes } from './builder.js';
import { SourceRef } from './entity.js';

export interface Provenance {
  evidence?: string[];
  sources?: string[];
  derived?: boolean;
  note?: string;
}

/** The evidence fields every relationship and figure exposes, so a client can cite each link. */
export function addProvenanceFields<Shape>(ref: ObjectRef<AtlasSchemaTypes, Shape>, get: (parent: Shape) => Provenance) {
  builder.objectFields(ref, (t) => ({
    evidence: t.string({
      nullable: true,
      description: 'The source sentence that states this, verbatim in its original language (several, one per line, when derived).',
      resolve: (parent) => get(parent).evidence?.join('\n') ?? null,
    }),
    evidenceSentences: t.stringList({ resolve: (parent) => get(parent).evidence ?? [] }),
    sources: t.field({
      type: [SourceRef],
      resolve: (parent, _args, ctx): Promise<EntityRecord[]> => ctx.graph.existing(get(parent).sources, 'Source'),
    }),
    derived: t.boolean({
      description: 'True when the sources imply rather than state this; evidenceSentences are the sentences it rests on.',
      resolve: (parent) => get(parent).derived ?? false,
    }),
    note: t.string({ nullable: true, description: 'Why a derived link was drawn, or a caveat about the figure.', resolve: (parent) => get(parent).note ?? null }),
  }));
}
