import { followNodes, LINK_FIELDS } from '../read/link-fields.js';
import { builder } from './builder.js';
import { entityType } from './entity.js';
import { OrganizationKindEnum } from './enums.js';
import { CompanyRef } from './company.js';

export const OrganizationRef = entityType('Organization', 'A government body that issues policies (US Department of Commerce, US CBP).');
builder.objectFields(OrganizationRef, (t) => ({
  kind: t.field({ type: OrganizationKindEnum, resolve: (e) => e.kind as (typeof OrganizationKindEnum)['$inferType'] }),
}));

export const CompanyGroupRef = entityType(
  'CompanyGroup',
  'A set of companies a source reports figures for together (the five US tech firms, the seven Chinese ones).',
);
builder.objectFields(CompanyGroupRef, (t) => ({
  members: t.field({
    type: [CompanyRef],
    resolve: followNodes(LINK_FIELDS.CompanyGroup.members),
  }),
}));

export const AIModelRef = entityType('AIModel', 'A named AI model (Grok 3, DeepSeek R1, QwQ-32B).');
builder.objectFields(AIModelRef, (t) => ({
  developers: t.field({
    type: [CompanyRef],
    resolve: followNodes(LINK_FIELDS.AIModel.developers),
  }),
}));

export const ProductCategoryRef = entityType('ProductCategory', 'A class of goods a policy names (chips, storage, servers).');
