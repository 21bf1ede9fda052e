import { holdingsList } from '../graph/holdings-list.js';
import { builder } from './builder.js';
import { ChipOwnerRef } from './holdings.js';
import { checkedWhenEmpty } from './pagination.js';

builder.queryFields((t) => ({
  chipHoldings: t.field({
    type: [ChipOwnerRef],
    description:
      "Who holds which chips, across owners: every owner (company or company group) with figures for a chip or class it buys (Epoch AI's holdings, H100 equivalents, purchases: medians with a 5th-95th percentile interval), ordered by item, then owner. Each entry's figures are that owner's for that item; links that state no figure are left out.",
    args: {
      chip: t.arg.string({ description: 'Key of the chip or class the figures count (`a100`, `h100-h200`): only that item, not its members or families.' }),
      owner: t.arg.string({ description: 'Key of the owner (`microsoft`, `china-ai-chip-buyers`).' }),
    },
    resolve: async (_root, args, ctx) => {
      const holdings = holdingsList(ctx.db, { chip: args.chip ?? null, owner: args.owner ?? null });
      return checkedWhenEmpty(ctx, holdings, (list) => list.length === 0, { chip: args.chip, owner: args.owner });
    },
  }),
}));
