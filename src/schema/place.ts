import { builder } from './builder.js';
import { stringProperty } from './entity.js';
import { RegionKindEnum } from './enums.js';
import { CountryRef, RegionRef } from './refs.js';

builder.objectFields(CountryRef, (t) => ({
  isoCode: t.string({ description: 'ISO 3166-1 alpha-2 code.', resolve: (e) => stringProperty(e, 'isoCode') ?? '' }),
}));

builder.objectFields(RegionRef, (t) => ({
  kind: t.field({
    type: RegionKindEnum,
    description: 'What kind of region it is (supranational, subnational, special administrative).',
    resolve: (e) => e.kind as (typeof RegionKindEnum)['$inferType'],
  }),
}));
