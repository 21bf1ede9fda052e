import { builder } from './builder.js';
import { entityType, prop } from './entity.js';
import { RegionKindEnum } from './enums.js';

export const CountryRef = entityType('Country', 'A country or a market named after one (China, the United States).');
builder.objectFields(CountryRef, (t) => ({
  isoCode: t.string({ description: 'ISO 3166-1 alpha-2 code.', resolve: (e) => prop(e, 'isoCode') ?? '' }),
}));

export const RegionRef = entityType('Region', 'A region that is not a country: Southeast Asia, Hong Kong, a US state.');
builder.objectFields(RegionRef, (t) => ({
  kind: t.field({ type: RegionKindEnum, resolve: (e) => e.kind as (typeof RegionKindEnum)['$inferType'] }),
}));
