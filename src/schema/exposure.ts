import type { GraphQLResolveInfo } from 'graphql';
import type { Context } from '../context.js';
import { exposure, type ExposureHolder, type ExposureRecord } from '../graph/exposure.js';
import { entityNeed, relationNeed, selectedFields } from '../read/selection.js';
import { builder, type AtlasSchemaTypes } from './builder.js';
import { EXPOSURE_COST } from './costs.js';
import { PolicyKindEnum } from './enums.js';
import { pathNeed } from './paths.js';
import { DesignationRef } from './link-types.js';
import { ChipRef, CompanyGroupRef, CompanyRef, PolicyRef } from './refs.js';
import { PathRef } from './relation.js';
import { checkedWhenEmpty } from './pagination.js';

const ExposureRouteEnum = builder.enumType('ExposureRoute', {
  description: 'How the company reaches the chip asked about.',
  values: {
    DIRECT: { description: 'It buys or depends on the chip itself.' },
    FAMILY: { description: 'It buys or depends on a family or class the chip is in (Hopper for the H20).' },
    VARIANT: { description: "It buys a market-specific variant in the chip's family (the H20 when asked about the H100)." },
  } as const,
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
    company: t.field({ type: CompanyRef, description: 'The exposed company.', resolve: (e) => e.company }),
    designations: t.field({
      type: [DesignationRef],
      description:
        'The government lists that name the company (DESIGNATION_LIST policies that TARGET it), since and until when, ended ones included; read in the same statement as the exposure.',
      resolve: (e) => e.designations,
    }),
    chip: t.field({ type: ChipRef, description: 'The chip asked about.', resolve: (e) => e.chip }),
    policies: t.field({
      type: [PolicyRef],
      description: 'The policies of the asked kinds that restrict or threaten the chip where the company is.',
      resolve: (e) => e.policies,
    }),
    routes: t.field({
      type: [ExposureRouteEnum],
      description: 'Every way the company reaches the chip (DIRECT, FAMILY, VARIANT), each once.',
      resolve: (e) => e.routes,
    }),
    paths: t.field({
      type: [PathRef],
      description: "Evidence: company to chip (use), policy to chip (threat), policy to the company's country (scope).",
      resolve: (e) => e.paths,
    }),
  }),
});

const GroupExposureRef = builder.objectRef<ExposureRecord>('GroupExposure');
GroupExposureRef.implement({
  description:
    'A company group, such as a dataset\'s aggregate of buyers (Epoch AI\'s "Buyers in China"), that uses a chip a policy restricts or threatens: the sibling of Exposure for buyers that are not one company. A group is placed by LOCATED_IN where a policy targets places.',
  fields: (t) => ({
    basis: t.field({
      type: ExposureBasisEnum,
      description: 'What the exposure rests on: STATED, DERIVED or CURATOR, by its weakest link.',
      resolve: (e) => e.basis,
    }),
    group: t.field({ type: CompanyGroupRef, description: 'The exposed group of buyers.', resolve: (e) => e.company }),
    chip: t.field({ type: ChipRef, description: 'The chip asked about.', resolve: (e) => e.chip }),
    policies: t.field({
      type: [PolicyRef],
      description: 'The policies of the asked kinds that restrict or threaten the chip where the group is.',
      resolve: (e) => e.policies,
    }),
    routes: t.field({ type: [ExposureRouteEnum], description: 'Every way the group reaches the chip, each once.', resolve: (e) => e.routes }),
    paths: t.field({
      type: [PathRef],
      description: 'Evidence: group to chip (use), policy to chip (threat), policy to where the group is (scope).',
      resolve: (e) => e.paths,
    }),
  }),
});

interface ExposureArgs {
  chip: string;
  policyKinds?: readonly (typeof PolicyKindEnum)['$inferType'][] | null;
  includeDerived?: boolean | null;
}

/**
 * One statement per answer: what the selection reads of companies or groups, chips, policies, paths
 * and designations (the chip looked up only for an empty answer).
 */
async function exposureOf(holder: ExposureHolder, args: ExposureArgs, ctx: Context, info: GraphQLResolveInfo) {
  const selected = selectedFields(info);
  const holderField = holder === 'Company' ? 'company' : 'group';
  const answer = exposure(
    ctx.db,
    args.chip,
    args.policyKinds ?? null,
    args.includeDerived ?? true,
    {
      company: entityNeed(info, [holderField]),
      chip: entityNeed(info, ['chip']),
      policies: entityNeed(info, ['policies']),
      // Paths are the dear part of the statement: built only when selected.
      paths: selected.has('paths') ? pathNeed(info, ['paths']) : null,
      designations: selected.has('designations')
        ? { relation: relationNeed(info, ['designations']), node: entityNeed(info, ['designations', 'policy']) }
        : null,
    },
    holder,
  );
  return checkedWhenEmpty(ctx, answer, (rows) => rows.length === 0, { chip: args.chip });
}

const exposureArgs = (t: PothosSchemaTypes.QueryFieldBuilder<AtlasSchemaTypes, object>) => ({
  chip: t.arg.string({ required: true, description: 'The key of the chip (h20).' }),
  policyKinds: t.arg({
    type: [PolicyKindEnum],
    description: 'Only policies of these kinds ([EXPORT_CONTROL]); omitted or empty means policies of every kind.',
  }),
  includeDerived: t.arg.boolean({
    defaultValue: true,
    description: "False: only exposures every link of which a source states (no derived link, none resting only on the curators' knowledge).",
  }),
});

builder.queryFields((t) => ({
  groupExposure: t.field({
    type: [GroupExposureRef],
    description:
      "Company groups (aggregates of buyers a dataset reports, such as Epoch AI's buyers in China) that buy or depend on the chip, its class or family, or a market-specific variant, while a policy of the given kinds restricts or threatens it: exposure's answer for buyers that are not one company.",
    args: exposureArgs(t),
    complexity: { field: EXPOSURE_COST, multiplier: 1 },
    resolve: (_root, args, ctx, info) => exposureOf('CompanyGroup', args, ctx, info),
  }),
  exposure: t.field({
    type: [ExposureRef],
    description:
      "Companies that buy or depend on the chip (directly, through a class or family it is in, or through a market-specific variant) while a policy of the given kinds restricts or threatens it, within the policy's target countries. Each says which government lists name the company (designations). Company groups (aggregates of buyers) are answered by groupExposure.",
    args: exposureArgs(t),
    complexity: { field: EXPOSURE_COST, multiplier: 1 },
    resolve: (_root, args, ctx, info) => exposureOf('Company', args, ctx, info),
  }),
}));
