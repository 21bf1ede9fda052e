import { builder } from './builder.js';
import { EntityRef } from './entity.js';
import { OrganizationKindEnum } from './enums.js';
import { chipHoldingsField } from './holdings.js';
import { linkField } from './link-field.js';
import { ChipUseRef, DataCenterLinkRef } from './link-types.js';
import { AIModelRef, CompanyGroupRef, CompanyRef, DataCenterRef, OrganizationRef } from './refs.js';

builder.objectFields(OrganizationRef, (t) => ({
  kind: t.field({
    type: OrganizationKindEnum,
    description: 'Whether it is a government or one of its agencies.',
    resolve: (e) => e.kind as (typeof OrganizationKindEnum)['$inferType'],
  }),
}));

builder.objectFields(CompanyGroupRef, (t) => ({
  members: linkField(t, {
    type: [CompanyRef],
    description: 'The companies in the group (MEMBER_OF).',
    follow: { types: ['MEMBER_OF'], direction: 'IN', labels: ['Company'] },
  }),
  chips: linkField(t, {
    type: [ChipUseRef],
    description: "Chips and families the group buys: a dataset's aggregate of buyers (Epoch AI's buyers in China) states them for the group.",
    follow: { types: ['BUYS', 'DEPENDS_ON'], direction: 'OUT' },
    nodeFields: ['chip', 'family'],
  }),
  dataCenters: linkField(t, {
    type: [DataCenterRef],
    description: 'Data centers the group operates or uses, each once.',
    follow: { types: ['OPERATES', 'USES'], direction: 'OUT' },
  }),
  dataCenterLinks: linkField(t, {
    type: [DataCenterLinkRef],
    description: 'How the group is tied to each data center (OPERATES or USES), with evidence.',
    follow: { types: ['OPERATES', 'USES'], direction: 'OUT' },
    nodeFields: ['dataCenter'],
  }),
  locations: linkField(t, { type: [EntityRef], description: 'Where the group is located (LOCATED_IN).', follow: { types: ['LOCATED_IN'], direction: 'OUT' } }),
  chipHoldings: chipHoldingsField(t),
}));

builder.objectFields(AIModelRef, (t) => ({
  developers: linkField(t, {
    type: [CompanyRef],
    description: 'The companies that develop the model (DEVELOPS).',
    follow: { types: ['DEVELOPS'], direction: 'IN' },
  }),
}));
