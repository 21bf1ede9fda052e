import { builder } from './builder.js';
import { OrganizationKindEnum } from './enums.js';
import { linkField } from './link-field.js';
import { AIModelRef, CompanyGroupRef, CompanyRef, OrganizationRef } from './refs.js';

builder.objectFields(OrganizationRef, (t) => ({
  kind: t.field({ type: OrganizationKindEnum, resolve: (e) => e.kind as (typeof OrganizationKindEnum)['$inferType'] }),
}));

builder.objectFields(CompanyGroupRef, (t) => ({
  members: linkField(t, { type: [CompanyRef], follow: { types: ['MEMBER_OF'], direction: 'IN', labels: ['Company'] } }),
}));

builder.objectFields(AIModelRef, (t) => ({
  developers: linkField(t, { type: [CompanyRef], follow: { types: ['DEVELOPS'], direction: 'IN' } }),
}));
