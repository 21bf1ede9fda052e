import { exposure, type ExposureRecord } from '../graph/exposure.js';
import { entityNeed, selectedFields } from '../read/selection.js';
import { builder } from './builder.js';
import { EXPOSURE_COST } from './costs.js';
import { PolicyKindEnum } from './enums.js';
import { pathNeed } from './paths.js';
import { ChipRef, CompanyRef, PolicyRef } from './refs.js';
import { PathRef } from './relation.js';

const ExposureRouteEnum = builder.enumType('ExposureRoute', {
  description: 'How the company reaches the chip: DIRECT use, through the chip FAMILY, or through a market-specific VARIANT in its family.',
  values: ['DIRECT', 'FAMILY', 'VARIANT'] as const,
});

const ExposureBasisEnum = builder.enumType('ExposureBasis', {
  description: 'What an exposure rests on, decided by its weakest link (see LinkBasis).',
  values: {
    STATED: { description: 'Every link of its paths is stated by a source.' },
    DERIVED: { description: 'At least one link is derived: an inference from source sentences, marked as such.' },
    CURATOR: { description: "No link is derived, but at least one rests only on the curators' general knowledge, which no published source states." },
  } as const,
});

const ExposureRef = builder.objectRef<ExposureRecord>('Exposure');
ExposureRef.implement({
  description: 'A company that uses a chip a policy restricts or threatens, with the paths that show why.',
  fields: (t) => ({
    basis: t.field({
      type: ExposureBasisEnum,
      description:
        "DERIVED when any link of its paths is derived rather than stated, CURATOR when one rests only on the curators' knowledge; ask with includeDerived: false for stated links only.",
      resolve: (e) => e.basis,
    }),
    company: t.field({ type: CompanyRef, resolve: (e) => e.company }),
    chip: t.field({ type: ChipRef, resolve: (e) => e.chip }),
    policies: t.field({ type: [PolicyRef], resolve: (e) => e.policies }),
    routes: t.field({ type: [ExposureRouteEnum], resolve: (e) => e.routes }),
    paths: t.field({
      type: [PathRef],
      description: "Evidence: company to chip (use), policy to chip (threat), policy to the company's country (scope).",
      resolve: (e) => e.paths,
    }),
  }),
});

builder.queryFields((t) => ({
  exposure: t.field({
    type: [ExposureRef],
    description:
      "Companies that buy or depend on the chip (directly, through its family, or through a market-specific variant) while a policy of the given kinds restricts or threatens it, within the policy's target countries.",
    args: {
      chip: t.arg.string({ required: true }),
      policyKinds: t.arg({ type: [PolicyKindEnum] }),
      includeDerived: t.arg.boolean({
        defaultValue: true,
        description: "False: only exposures every link of which a source states (no derived link, none resting only on the curators' knowledge).",
      }),
    },
    complexity: { field: EXPOSURE_COST, multiplier: 1 },
    resolve: (_root, args, ctx, info) =>
      exposure(ctx.db, args.chip, args.policyKinds ?? null, args.includeDerived ?? true, {
        company: entityNeed(info, ['company']),
        chip: entityNeed(info, ['chip']),
        policies: entityNeed(info, ['policies']),
        // Paths are the dear part of the statement: built only when selected.
        paths: selectedFields(info).has('paths') ? pathNeed(info, ['paths']) : null,
      }),
  }),
}));
