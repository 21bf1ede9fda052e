import type { ObjectRef } from '@pothos/core';
import type { GraphQLResolveInfo } from 'graphql';
import type { Context } from '../context.js';
import { countEntities, entityPage, type Page, type PageQuery, type Position, type SortDirection, type SortProperty } from '../graph/pages.js';
import type { EntityRecord } from '../graph/records.js';
import { builder, type AtlasSchemaTypes } from './builder.js';
import { badInput } from '../core/errors.js';
import { foldNested } from '../read/prefetch.js';
import type { LINK_FIELDS } from '../read/link-fields.js';
import { entityNeed } from '../read/selection.js';

export const DEFAULT_PAGE_SIZE = 20;

export interface ConnectionArgs {
  first?: number | null;
  after?: string | null;
}

export interface PageArgs {
  first: number;
  after: Position | null;
}

/**
 * Cursors are opaque to clients but carry the sort they were made for, so a cursor from a
 * name-ordered page cannot silently be reused on a key-ordered one.
 */
export function encodeCursor(sort: string, position: Position): string {
  return Buffer.from(JSON.stringify({ s: sort, v: position.value, k: position.key })).toString('base64url');
}

function decodeCursor(sort: string, cursor: string): Position {
  try {
    const decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { s?: unknown; v?: unknown; k?: unknown };
    if (decoded.s === sort && typeof decoded.v === 'string' && typeof decoded.k === 'string') {
      return { value: decoded.v, key: decoded.k };
    }
  } catch {
    // Fall through to the error below: any undecodable cursor is the client's mistake.
  }
  throw badInput('after', 'is not a cursor of this connection with this order; pass an endCursor or cursor from the same query.');
}

export function pageArgs(args: ConnectionArgs, ctx: Context, sort: string): PageArgs {
  const max = ctx.limits.maxPageSize;
  const first = args.first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 0 || first > max) {
    throw badInput('first', `must be between 0 and ${max} (got ${first}).`);
  }
  return { first, after: args.after ? decodeCursor(sort, args.after) : null };
}

export interface Connection<T> {
  edges: { cursor: string; node: T }[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
  /** Runs the count query only when the client selects totalCount. */
  totalCount: () => Promise<number>;
}

function toConnection(
  page: Page,
  sort: string,
  sortValue: (row: EntityRecord) => string,
  hadCursor: boolean,
  count: () => Promise<number>,
): Connection<EntityRecord> {
  const edges = page.rows.map((node) => ({ cursor: encodeCursor(sort, { value: sortValue(node), key: node.key }), node }));
  return {
    edges,
    pageInfo: {
      hasNextPage: page.hasNextPage,
      // Forward-only keyset pages: a page reached through a cursor has one before it.
      hasPreviousPage: hadCursor,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
    totalCount: count,
  };
}

/**
 * A connection field over one label: a keyset page of what its edges select, with the nested
 * fields of its nodes folded into the same statement, and a count only when asked for.
 */
export async function entityConnectionPage(
  ctx: Context,
  info: GraphQLResolveInfo,
  args: ConnectionArgs,
  filter: Pick<PageQuery, 'conditions' | 'params'> & { label: keyof typeof LINK_FIELDS },
  sort: SortProperty,
  direction: SortDirection,
  /** Names the order in the connection's cursors, so a cursor cannot be reused under another. */
  signature: string,
): Promise<Connection<EntityRecord>> {
  const page = pageArgs(args, ctx, signature);
  const folding = foldNested(info, ['edges', 'node'], filter.label);
  const result = await entityPage(ctx.db, { ...filter, sort, direction, ...page, need: entityNeed(info, ['edges', 'node']), folds: folding.folds });
  folding.prime(ctx.graph, result);
  return toConnection(
    result,
    signature,
    (row) => row[sort],
    page.after !== null,
    () => countEntities(ctx.db, filter),
  );
}

/** Complexity of a connection field grows with the page it asks for. */
export const connectionComplexity = (args: ConnectionArgs) => ({
  field: 1,
  multiplier: Math.max(1, Math.min(args.first ?? DEFAULT_PAGE_SIZE, 1000)),
});

/** A Relay connection type over an entity type, with a lazily counted totalCount. */
export function entityConnection(ref: ObjectRef<AtlasSchemaTypes, EntityRecord>, name: string) {
  return builder.connectionObject(
    {
      type: ref,
      name: `${name}Connection`,
      fields: (t) => ({
        totalCount: t.int({
          description: 'How many items match the filter, across all pages.',
          // The connection objects built by toConnection carry their own count function.
          resolve: (connection) => (connection as unknown as Connection<EntityRecord>).totalCount(),
        }),
      }),
    },
    { name: `${name}Edge` },
  );
}
