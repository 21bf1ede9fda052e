import type { Subgraph } from '../graph/paths.js';
import type { PathRecord, RelationRecord } from '../graph/records.js';
import { builder } from './builder.js';
import { EntityRef } from './entity.js';
import { otherProperties } from './link-types.js';
import { addProvenanceFields } from './provenance.js';

export const RelationRef = builder.objectRef<RelationRecord>('Relation');
RelationRef.implement({
  description: 'One relationship of the graph with both ends, its type, its other properties and its evidence.',
  fields: (t) => ({
    type: t.string({ resolve: (r) => r.type }),
    from: t.field({ type: EntityRef, resolve: (r) => r.from }),
    to: t.field({ type: EntityRef, resolve: (r) => r.to }),
    properties: t.field({
      type: 'JSON',
      description: 'Properties other than provenance (units, period, role, status...).',
      resolve: (r) => otherProperties(r),
    }),
  }),
});
addProvenanceFields(RelationRef, (r) => r.properties);

export const PathRef = builder.objectRef<PathRecord>('Path');
PathRef.implement({
  description: 'A chain of relationships; `nodes[i]` and `nodes[i + 1]` are the ends of `relationships[i]`, in either direction.',
  fields: (t) => ({
    length: t.int({ resolve: (p) => p.relationships.length }),
    nodes: t.field({ type: [EntityRef], resolve: (p) => p.nodes }),
    relationships: t.field({ type: [RelationRef], resolve: (p) => p.relationships }),
  }),
});

export const SubgraphRef = builder.objectRef<Subgraph>('Subgraph');
SubgraphRef.implement({
  description: 'Nodes and relationships around an entity, each once: what a graph view draws.',
  fields: (t) => ({
    nodes: t.field({ type: [EntityRef], resolve: (s) => s.nodes }),
    relationships: t.field({ type: [RelationRef], resolve: (s) => s.relationships }),
    truncated: t.boolean({
      description: 'True when the neighbourhood holds more than 500 relationships: only 500 of them were returned.',
      resolve: (s) => s.truncated,
    }),
  }),
});
