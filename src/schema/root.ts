import { entityNeed } from '../read/selection.js';
import { builder } from './builder.js';
import { EntityRef } from './entity.js';
import { foundOr } from './unknown-input.js';

builder.queryFields((t) => ({
  entity: t.field({
    type: EntityRef,
    nullable: true,
    description: 'Any entity by its key, whatever its label.',
    args: {
      key: t.arg.string({
        required: true,
        description: 'The key of the entity (bytedance, h20); when no entity has it the answer is null, with a NOT_FOUND error listing the closest keys.',
      }),
    },
    resolve: async (_root, args, ctx, info) => foundOr(ctx, await ctx.graph.entity(args.key, undefined, entityNeed(info)), args.key, 'entity'),
  }),
}));
