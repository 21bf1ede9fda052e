import type { ObjectRef } from '@pothos/core';
import type { GraphQLResolveInfo } from 'graphql';
import type { Context } from '../context.js';
import { countEntities, entityPage, type PageQuery, type Position, type SortDirection, type SortProperty } from '../graph/pages.js';
import type { EntityRecord } from '../graph/records.js';
import type { EntityLabel } from '../core/model.js';
import { builder, type AtlasSchemaTypes } from './builder.js';
import { DEFAULT_PAGE_SIZE, PRICED_PAGE_SIZE_CAP } from './costs.js';
import { badInput } from '../core/errors.js';
import { unknownKeyError } from './unknown-input.js';
import { prefetchNested } from '../read/prefetch.js';
import { entityNeed } from '../read/selection.js';

export interface ConnectionArgs {
  first?: number | null;
  after?: string | null;
}

export interface PageArgs {
  first: number;
  after: Position | null;
  /** Names the order of the connection: written into its cursors, checked when one comes back. */
  signature: string;
}

/**
 * Cursors are opaque to clients but carry the sort they were made for, so a cursor from a
 * name-ordered page cannot silently be reused on a key-ordered one.
 */
function encodeCursor(sort: string, position: Position): string {
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

export function pageArgs(args: ConnectionArgs, ctx: Context, signature: string): PageArgs {
  const max = ctx.limits.maxPageSize;
  const first = args.first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 0 || first > max) {
    throw badInput('first', `must be between 0 and ${max} (got ${first}).`);
  }
  return { first, after: args.after ? decodeCursor(signature, args.after) : null, signature };
}

export interface Edge<T> {
  cursor: string;
  node: T;
}

export interface Connection<T> {
  edges: Edge<T>[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
}

/** A connection whose totalCount runs its count query only when the client selects it. */
export type CountedConnection<T> = Connection<T> & { totalCount: () => Promise<number> };

/** The one way a page of items becomes a connection: every cursor names the page's order and the item's position in it. */
export function toConnection<T>(items: readonly T[], hasNextPage: boolean, page: PageArgs, positionOf: (item: T) => Position): Connection<T> {
  const edges = items.map((node) => ({ cursor: encodeCursor(page.signature, positionOf(node)), node }));
  return {
    edges,
    pageInfo: {
      hasNextPage,
      // Forward-only keyset pages: a page reached through a cursor has one before it.
      hasPreviousPage: page.after !== null,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
  };
}

/**
 * A connection field over one label: a keyset page of what its edges select, with the nested
 * fields of its nodes prefetched in the same statement, and a count only when asked for.
 */
export async function entityConnectionPage(
  ctx: Context,
  info: GraphQLResolveInfo,
  args: ConnectionArgs,
  filter: Pick<PageQuery, 'conditions' | 'params' | 'anchor'> & { label: EntityLabel },
  sort: SortProperty,
  direction: SortDirection,
  /** Names the order in the connection's cursors, so a cursor cannot be reused under another. */
  signature: string,
): Promise<CountedConnection<EntityRecord>> {
  const page = pageArgs(args, ctx, signature);
  const prefetch = prefetchNested(info, ['edges', 'node'], filter.label);
  const result = await entityPage(ctx.db, {
    ...filter,
    sort,
    direction,
    first: page.first,
    after: page.after,
    need: entityNeed(info, ['edges', 'node']),
    prefetch: prefetch.reads,
  });
  prefetch.prime(ctx.graph, result);
  return {
    ...toConnection(result.rows, result.hasNextPage, page, (row) => ({ value: row[sort], key: row.key })),
    totalCount: () => countEntities(ctx.db, filter),
  };
}

/**
 * One entity of a label by key. With nested fields selected, it is read as a page of one so that
 * they are prefetched in its statement (a company with its country: one round trip, not two);
 * without, through the loader, which batches aliased lookups into one statement.
 */
export async function entityByKey(ctx: Context, info: GraphQLResolveInfo, key: string, label: EntityLabel): Promise<EntityRecord | null> {
  const prefetch = prefetchNested(info, [], label);
  if (!Object.keys(prefetch.reads.columns).length) return ctx.graph.entity(key, label, entityNeed(info));
  const result = await entityPage(ctx.db, {
    label,
    conditions: [],
    params: { key },
    anchor: '(n:Entity {key: $key})',
    sort: 'key',
    direction: 'ASC',
    first: 1,
    after: null,
    need: entityNeed(info),
    prefetch: prefetch.reads,
  });
  prefetch.prime(ctx.graph, result);
  return result.rows[0] ?? null;
}

/**
 * Filter arguments that name entities must name existing ones: an unknown key is the client's
 * mistake (a typo), answered BAD_USER_INPUT naming the argument and the closest keys, not an empty
 * page. The keys are looked up through the per-request batcher; suggestions only for an unknown one.
 * A list argument (sources) names each of its items.
 */
export async function knownKeys(ctx: Context, keys: Record<string, string | readonly string[] | null | undefined>): Promise<void> {
  const named = Object.entries(keys).flatMap(([argument, value]) =>
    typeof value === 'string' ? [[argument, value] as const] : (value ?? []).map((item) => [argument, item] as const),
  );
  const found = await Promise.all(named.map(([, key]) => ctx.graph.entity(key, undefined, ['key'])));
  const unknown = named.findIndex((_, i) => !found[i]);
  if (unknown >= 0) {
    const [argument, key] = named[unknown]!;
    throw await unknownKeyError(ctx, argument, key);
  }
}

/**
 * The answer, once filter keys that can only empty it are known to exist: an unknown one answers
 * nothing, so the keys are looked up only for an empty answer and a valid filter costs no
 * statement beyond the answer's own.
 */
export async function checkedWhenEmpty<T>(
  ctx: Context,
  answer: Promise<T>,
  isEmpty: (answer: T) => boolean,
  keys: Record<string, string | null | undefined>,
): Promise<T> {
  const result = await answer;
  if (isEmpty(result)) await knownKeys(ctx, keys);
  return result;
}

/** For connections: nothing on the page. */
export const emptyPage = (connection: Connection<unknown>) => connection.edges.length === 0;

/** Complexity of a connection field grows with the page it asks for. */
export const connectionComplexity = (args: ConnectionArgs) => ({
  field: 1,
  multiplier: Math.max(1, Math.min(args.first ?? DEFAULT_PAGE_SIZE, PRICED_PAGE_SIZE_CAP)),
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
          // The relay plugin types the parent as a plain connection; entityConnectionPage built a counted one.
          resolve: (connection) => (connection as unknown as CountedConnection<EntityRecord>).totalCount(),
        }),
      }),
    },
    { name: `${name}Edge` },
  );
}
