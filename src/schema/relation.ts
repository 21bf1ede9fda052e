import type { Subgraph } from '../graph/paths.js';
import type { PathRecord, RelationRecord } from '../graph/records.js';
import { builder } from './builder.js';
import { EntityRef } from './entity.js';
import { RelationTypeEnum } from './enums.js';
import { linkPropertyFields, otherProperties } from './link-types.js';
import { addProvenanceFields } from './provenance.js';

export const RelationRef = builder.objectRef<RelationRecord>('Relation');
RelationRef.implement({
  description: 'One relationship of the graph with both ends, its type, its other properties and its evidence.',
  fields: (t) => ({
    type: t.field({ type: RelationTypeEnum, description: 'What the relationship says: `from` does this to `to`.', resolve: (r) => r.type }),
    from: t.field({ type: EntityRef, description: 'The entity the relationship starts at (its subject).', resolve: (r) => r.from }),
    to: t.field({ type: EntityRef, description: 'The entity the relationship points to.', resolve: (r) => r.to }),
    ...linkPropertyFields(t),
    properties: t.field({
      type: 'JSON',
      description:
        'Every property other than provenance, as stored (a JSON object): the typed fields above and any other a source adds. Prefer the typed fields.',
      resolve: (r) => otherProperties(r),
    }),
  }),
});
addProvenanceFields(RelationRef, (r) => r.properties);

export const PathRef = builder.objectRef<PathRecord>('Path');
PathRef.implement({
  description: 'A chain of relationships; `nodes[i]` and `nodes[i + 1]` are the ends of `relationships[i]`, in either direction.',
  fields: (t) => ({
    length: t.int({ description: 'How many relationships (hops) the path has.', resolve: (p) => p.relationships.length }),
    nodes: t.field({
      type: [EntityRef],
      description: 'The entities along the path, from the first end to the second (length + 1 of them).',
      resolve: (p) => p.nodes,
    }),
    relationships: t.field({
      type: [RelationRef],
      description: 'The relationships along the path; each keeps its own direction (from/to), which may run against the path.',
      resolve: (p) => p.relationships,
    }),
  }),
});

export const SubgraphRef = builder.objectRef<Subgraph>('Subgraph');
SubgraphRef.implement({
  description: 'Nodes and relationships around an entity, each once: what a graph view draws.',
  fields: (t) => ({
    nodes: t.field({ type: [EntityRef], description: 'Every entity of the subgraph, each once, the one asked about included.', resolve: (s) => s.nodes }),
    relationships: t.field({
      type: [RelationRef],
      description: 'Every relationship between them that was followed, each once.',
      resolve: (s) => s.relationships,
    }),
    truncated: t.boolean({
      description: 'True when the neighbourhood holds more than 500 relationships: only 500 of them were returned.',
      resolve: (s) => s.truncated,
    }),
  }),
});
