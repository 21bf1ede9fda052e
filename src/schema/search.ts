import { badInput } from '../core/errors.js';
import type { EntityLabel } from '../core/model.js';
import type { Position } from '../graph/pages.js';
import { anySearchHit, countSearchHits, type SearchHit, type SearchQuery, SearchTextError, searchEntities, toSearchQuery, withTypos } from '../graph/search.js';
import { entityNeed } from '../read/selection.js';
import { builder } from './builder.js';
import { SEARCH_COST } from './costs.js';
import { EntityRef } from './entity.js';
import { EntityLabelEnum } from './enums.js';
import { type ConnectionArgs, type CountedConnection, connectionComplexity, type Edge, pageArgs, toConnection } from './pagination.js';

// The node of a search edge is the hit: the entity and its score.
const SearchEdgeRef = builder.objectRef<Edge<SearchHit>>('SearchEdge');
SearchEdgeRef.implement({
  description: 'One item of a page, with the cursor of its position.',
  fields: (t) => ({
    cursor: t.exposeString('cursor', { description: 'Opaque position of this item; pass it as `after` to continue after it.' }),
    node: t.field({ type: EntityRef, description: 'The entity found.', resolve: ({ node: hit }) => hit.node }),
    score: t.float({ description: 'Relevance; higher is better. Comparable only within one search.', resolve: ({ node: hit }) => hit.score }),
  }),
});
type SearchConnection = CountedConnection<SearchHit> & { fuzzy: boolean };
const SearchConnectionRef = builder.objectRef<SearchConnection>('SearchConnection');
SearchConnectionRef.implement({
  description: 'A page of search hits, best first (by score, then key).',
  fields: (t) => ({
    edges: t.field({
      type: [SearchEdgeRef],
      complexity: { field: 0, multiplier: 1 },
      description: 'The items of this page, in order, each with its cursor.',
      resolve: (c) => c.edges,
    }),
    pageInfo: t.field({ type: builder.pageInfoRef(), description: 'Whether more items follow, and the cursors that fetch them.', resolve: (c) => c.pageInfo }),
    totalCount: t.int({ description: 'How many items match, across all pages.', resolve: (c) => c.totalCount() }),
    fuzzy: t.boolean({
      description:
        'True when no entity matched the words as written (with the labels asked for) and the hits are those within one typo (words of 4-5 letters) or two (longer words): offer them as "did you mean".',
      resolve: (c) => c.fuzzy,
    }),
  }),
});

// The keyset of a search is (score, key); a cursor stores the score as text to survive JSON exactly.
const positionOf = (hit: SearchHit): Position => ({ value: String(hit.score), key: hit.node.key });
const searchPositionOf = (position: Position | null) => (position ? { score: Number(position.value), key: position.key } : null);

function searchQueryOf(text: string): SearchQuery | null {
  try {
    return toSearchQuery(text);
  } catch (error) {
    if (error instanceof SearchTextError) throw badInput('text', error.message);
    throw error;
  }
}

builder.queryFields((t) => ({
  search: t.field({
    type: SearchConnectionRef,
    description: 'Full-text search over names, Chinese names (simplified and traditional) and aliases, ranked by relevance.',
    args: {
      text: t.arg.string({
        required: true,
        description: 'Words to look for in names, Chinese names (简/繁) and aliases; when nothing matches as written, near spellings are tried (see fuzzy).',
      }),
      labels: t.arg({ type: [EntityLabelEnum], description: 'Only entities of these kinds.' }),
      first: t.arg.int({ description: 'Page size: 0 up to the service limit (MAX_PAGE_SIZE, 100 by default); 20 when omitted.' }),
      after: t.arg.string({ description: 'The endCursor of the previous page; omit for the first page.' }),
    },
    complexity: (args) => ({ ...connectionComplexity(args), field: SEARCH_COST }),
    resolve: async (_root, args, ctx, info) => {
      const written = searchQueryOf(args.text);
      const page = pageArgs(args as ConnectionArgs, ctx, `search:${written?.lucene.join('|') ?? ''}:${(args.labels ?? []).join(',')}`);
      const labels = (args.labels ?? null) as EntityLabel[] | null;
      // No searchable word in the text: the index has nothing to answer.
      if (!written) return { ...toConnection([], false, page, positionOf), totalCount: async () => 0, fuzzy: false };
      const need = entityNeed(info, ['edges', 'node']);
      const read = (query: SearchQuery) => searchEntities(ctx.db, query, labels, page.first, searchPositionOf(page.after), need);
      // A first page that finds something settles that the words as written hit; otherwise ask the index whether they hit at all.
      const firstPage = page.first > 0 && !page.after ? await read(written) : null;
      const hitsAsWritten = firstPage ? firstPage.hits.length > 0 : await anySearchHit(ctx.db, written, labels);
      const typos = hitsAsWritten ? null : withTypos(written);
      const query = typos ?? written;
      const totalCount = () => countSearchHits(ctx.db, query, labels);
      if (page.first === 0) return { ...toConnection([], false, page, positionOf), totalCount, fuzzy: typos !== null };
      const result = typos || !firstPage ? await read(query) : firstPage;
      return { ...toConnection(result.hits, result.hasNextPage, page, positionOf), totalCount, fuzzy: typos !== null };
    },
  }),
}));
