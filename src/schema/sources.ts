import { sourceFilter } from '../graph/filters.js';
import { builder } from './builder.js';
import { SourceRef } from './entity.js';
import { SourceKindEnum } from './enums.js';
import { connectionComplexity, entityConnection, entityConnectionPage } from './pagination.js';

const SourceConnection = entityConnection(SourceRef, 'Source');

builder.queryFields((t) => ({
  sources: t.field({
    type: SourceConnection,
    description:
      'Sources (articles, reports, datasets...), optionally of one kind, ordered by key: `sources(kind: DATASET)` lists the imported datasets with their license, sha256 and rowCount.',
    args: {
      kind: t.arg({ type: SourceKindEnum, description: 'Only sources of this kind; every kind when omitted.' }),
      first: t.arg.int({ description: 'Page size: 0 up to the service limit (MAX_PAGE_SIZE, 100 by default); 20 when omitted.' }),
      after: t.arg.string({ description: 'The endCursor of the previous page; omit for the first page.' }),
    },
    complexity: connectionComplexity,
    resolve: (_root, args, ctx, info) => entityConnectionPage(ctx, info, args, { label: 'Source', ...sourceFilter(args.kind) }, 'key', 'ASC', 'source:key'),
  }),
}));
