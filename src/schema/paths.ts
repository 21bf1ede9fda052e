import type { GraphQLResolveInfo } from 'graphql';
import { badInput } from '../core/errors.js';
import type { EntityLabel } from '../core/model.js';
import { MAX_NEIGHBORHOOD_DEPTH, MAX_PATH_HOPS, neighborhood, shortestPaths, UnknownEndError } from '../graph/paths.js';
import type { LinkNeed } from '../graph/records.js';
import { entityNeed, relationNeed } from '../read/selection.js';
import { builder } from './builder.js';
import { EntityLabelEnum, RelationTypeEnum } from './enums.js';
import { MAX_PATHS, NEIGHBORHOOD_COST_DEPTH_1, NEIGHBORHOOD_COST_GROWTH, NEIGHBORHOOD_LIMIT, PATHS_COST_PER_HOP_AND_PATH } from './costs.js';
import { PathRef, SubgraphRef } from './relation.js';
import { unknownKeyError } from './unknown-input.js';

const DEFAULT_MAX_HOPS = 4;
const DEFAULT_PATH_COUNT = 5;

/**
 * What a selection reads of the nodes and relationships of a path or subgraph at `at`: a Path or
 * Subgraph lists nodes and relationships, and each relationship has its two ends.
 */
export function pathNeed(info: GraphQLResolveInfo, at: string[]): LinkNeed {
  return {
    node: entityNeed(info, [...at, 'nodes'], [...at, 'relationships', 'from'], [...at, 'relationships', 'to']),
    relation: relationNeed(info, [...at, 'relationships']),
  };
}

// A bad count is the client's mistake, named by its argument; graph/paths.ts only asserts, as it writes them into Cypher.
function intInRange(argument: string, value: number, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max) throw badInput(argument, `must be between ${min} and ${max} (got ${value}).`);
  return value;
}

builder.queryFields((t) => ({
  paths: t.field({
    type: [PathRef],
    description: `Shortest paths between two entities (keys), in either direction, at most maxHops (1-${MAX_PATH_HOPS}) long; the first ones by length.`,
    args: {
      from: t.arg.string({ required: true, description: 'The key of the entity the paths start at (bytedance); an unknown key is a BAD_USER_INPUT.' }),
      to: t.arg.string({ required: true, description: 'The key of the entity the paths end at (h20); an unknown key is a BAD_USER_INPUT.' }),
      maxHops: t.arg.int({ defaultValue: DEFAULT_MAX_HOPS, description: `The longest path to look for, in relationships (1-${MAX_PATH_HOPS}).` }),
      first: t.arg.int({ defaultValue: DEFAULT_PATH_COUNT, description: `How many paths to return at most (0-${MAX_PATHS}), shortest first.` }),
      includeDerived: t.arg.boolean({
        defaultValue: true,
        description: "False: only paths whose every link a source states (no derived link, none resting only on the curators' knowledge).",
      }),
      excludeLabels: t.arg({
        type: [EntityLabelEnum],
        description:
          'Entities a path may not pass through, by label: [Quote] keeps out paths that only say two entities are mentioned by the same quote. The two ends are never excluded.',
      }),
      excludeTypes: t.arg({
        type: [RelationTypeEnum],
        description: 'Relationship types a path may not use ([ABOUT, SAID] keeps quotes out); none excluded when omitted or empty.',
      }),
    },
    complexity: (args) => {
      const paths = Math.max(1, Math.min(args.first ?? DEFAULT_PATH_COUNT, MAX_PATHS));
      const hops = Math.max(1, Math.min(args.maxHops ?? DEFAULT_MAX_HOPS, MAX_PATH_HOPS));
      return { field: PATHS_COST_PER_HOP_AND_PATH * hops * paths, multiplier: paths };
    },
    resolve: async (_root, args, ctx, info) => {
      const maxHops = intInRange('maxHops', args.maxHops ?? DEFAULT_MAX_HOPS, 1, MAX_PATH_HOPS);
      const first = intInRange('first', args.first ?? DEFAULT_PATH_COUNT, 0, MAX_PATHS);
      const exclude = { labels: (args.excludeLabels ?? []) as EntityLabel[], types: args.excludeTypes ?? [] };
      try {
        return await shortestPaths(ctx.db, args.from, args.to, maxHops, first, args.includeDerived ?? true, pathNeed(info, []), exclude);
      } catch (error) {
        if (error instanceof UnknownEndError) throw await unknownKeyError(ctx, error.end, error.key);
        throw error;
      }
    },
  }),
  neighborhood: t.field({
    type: SubgraphRef,
    nullable: true,
    description: `The subgraph within depth (1-${MAX_NEIGHBORHOOD_DEPTH}) hops of an entity, optionally through some relationship types only; an unknown key is a BAD_USER_INPUT listing the closest keys.`,
    args: {
      key: t.arg.string({ required: true, description: 'The key of the entity at the centre (bytedance).' }),
      depth: t.arg.int({ defaultValue: 1, description: `How many hops out to go (1-${MAX_NEIGHBORHOOD_DEPTH}); the cost grows steeply with depth.` }),
      types: t.arg({
        type: [RelationTypeEnum],
        description: 'Relationship types to follow ([BUYS, DEPENDS_ON]); every type when omitted or empty.',
      }),
    },
    complexity: (args) => {
      const depth = Math.min(args.depth ?? 1, MAX_NEIGHBORHOOD_DEPTH);
      return { field: NEIGHBORHOOD_COST_DEPTH_1 * NEIGHBORHOOD_COST_GROWTH ** Math.max(0, depth - 1), multiplier: 1 };
    },
    resolve: async (_root, args, ctx, info) => {
      const depth = intInRange('depth', args.depth ?? 1, 1, MAX_NEIGHBORHOOD_DEPTH);
      const types = args.types ?? null;
      const found = await neighborhood(ctx.db, args.key, depth, types, NEIGHBORHOOD_LIMIT, pathNeed(info, []));
      if (!found) throw await unknownKeyError(ctx, 'key', args.key);
      return found;
    },
  }),
}));
