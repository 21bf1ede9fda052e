import { entityNeed } from '../read/selection.js';
import { builder } from './builder.js';
import { EntityRef } from './entity.js';

builder.queryFields((t) => ({
  entity: t.field({
    type: EntityRef,
    nullable: true,
    description: 'Any entity by its key, whatever its label.',
    args: { key: t.arg.string({ required: true }) },
    resolve: (_root, args, ctx, info) => ctx.graph.entity(args.key, undefined, entityNeed(info)),
  }),
}));
