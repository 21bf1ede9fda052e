import type { EntityRecord } from '../graph/records.js';
import type { EntityLabel } from '../core/model.js';
import { builder } from './builder.js';
import { EntityRef, SourceRef } from './entity.js';

// Every entity type, declared apart from its fields: a Company lists its chips and a Chip names its
// vendor company, so the files that give the types their fields import the types from here, never
// from each other.

/** Declares an entity type: a Relay node keyed by `key`, loaded through the per-request batcher. */
function entityType(label: EntityLabel, description: string, ref = builder.objectRef<EntityRecord>(label)) {
  builder.node(ref, {
    description,
    interfaces: [EntityRef],
    id: { resolve: (e) => e.key },
    loadMany: (keys, ctx) => ctx.graph.entities(keys, label),
    isTypeOf: (value) => (value as EntityRecord).label === label,
    fields: () => ({}),
  });
  return ref;
}

entityType('Source', 'A document that states facts: the article itself, or a report it cites.', SourceRef);

export const CompanyRef = entityType('Company', 'A company: hyperscaler, platform, telecom operator, chip designer, AI lab, investor or research firm.');
export const ChipRef = entityType('Chip', 'An AI accelerator (H100, H20, Ascend 910), or an unnamed one a source describes.');
export const ChipFamilyRef = entityType('ChipFamily', 'A chip generation or series (Hopper, Blackwell).');
export const DataCenterRef = entityType('DataCenter', 'A data-center cluster (Colossus) or a portfolio of projects reported together.');
export const PolicyRef = entityType(
  'Policy',
  'A policy, programme or event that shapes the compute supply: export controls, tariffs and exemptions, investment programmes.',
);
export const OrganizationRef = entityType('Organization', 'A government body that issues policies (US Department of Commerce, US CBP).');
export const CompanyGroupRef = entityType(
  'CompanyGroup',
  'A set of companies a source reports figures for together (the five US tech firms, the seven Chinese ones).',
);
export const AIModelRef = entityType('AIModel', 'A named AI model (Grok 3, DeepSeek R1, QwQ-32B).');
entityType('ProductCategory', 'A class of goods a policy names (chips, storage, servers).');
export const PersonRef = entityType('Person', 'A person quoted or named by a source (Jensen Huang, Joe Tsai).');
export const QuoteRef = entityType('Quote', 'One statement: who said it, when, where, and what it is about.');
export const CountryRef = entityType('Country', 'A country or a market named after one (China, the United States).');
export const RegionRef = entityType('Region', 'A region that is not a country: Southeast Asia, Hong Kong, a US state.');
