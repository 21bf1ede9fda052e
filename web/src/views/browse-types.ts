import { gql } from '../lib/api.js';
import { COMPANY_KINDS, DATA_CENTER_STATUSES, POLICY_KINDS, SOURCE_KINDS } from '../../../src/core/model.js';
import { ENTITY_REF } from '../lib/fragments.js';
import type {
  BrowseChipsQuery,
  BrowseCompaniesQuery,
  BrowseDataCentersQuery,
  BrowseEntitiesQuery,
  BrowsePoliciesQuery,
  BrowseSourcesQuery,
} from '../lib/generated.js';
import type { Child } from '../lib/dom.js';
import type { Cell } from '../lib/download.js';

// What the browse view lists for each kind of entity: the query that reads one page, the filters it
// takes from the URL, and the columns of its table. Labels without a root of their own are read
// through `entities(label:)`.

const PAGE = 'totalCount pageInfo { hasNextPage endCursor }';
const COUNTRIES = 'countries: entities(label: Country, first: 100) { edges { node { key name nameZh } } }';

const BROWSE_DATA_CENTERS = `query BrowseDataCenters($country: String, $owner: String, $status: DataCenterStatus, $first: Int, $after: String) {
  graphVersion
  ${COUNTRIES}
  list: dataCenters(country: $country, owner: $owner, status: $status, first: $first, after: $after) {
    ${PAGE}
    edges { node { ${ENTITY_REF} kind status powerMW powerMWQualifier locations { ${ENTITY_REF} } operators { ${ENTITY_REF} } } }
  }
}`;

const BROWSE_CHIPS = `query BrowseChips($vendor: String, $family: String, $first: Int, $after: String) {
  graphVersion
  list: chips(vendor: $vendor, family: $family, first: $first, after: $after) {
    ${PAGE}
    edges { node { ${ENTITY_REF} vendor { ${ENTITY_REF} } family { ${ENTITY_REF} } releasedOn } }
  }
}`;

const BROWSE_POLICIES = `query BrowsePolicies($kind: PolicyKind, $first: Int, $after: String) {
  graphVersion
  list: policies(kind: $kind, first: $first, after: $after) {
    ${PAGE}
    edges { node { ${ENTITY_REF} kind status announcedOn } }
  }
}`;

const BROWSE_SOURCES = `query BrowseSources($kind: SourceKind, $first: Int, $after: String) {
  graphVersion
  list: sources(kind: $kind, first: $first, after: $after) {
    ${PAGE}
    edges { node { ${ENTITY_REF} title titleEn kind publisher publishedOn rowCount } }
  }
}`;

const BROWSE_COMPANIES = `query BrowseCompanies($country: String, $kind: CompanyKind, $first: Int, $after: String) {
  graphVersion
  ${COUNTRIES}
  list: companies(filter: { country: $country, kind: $kind }, first: $first, after: $after) {
    ${PAGE}
    edges { node { ${ENTITY_REF} kind country { ${ENTITY_REF} } } }
  }
}`;

const BROWSE_ENTITIES = `query BrowseEntities($label: EntityLabel!, $nameContains: String, $first: Int, $after: String) {
  graphVersion
  list: entities(label: $label, nameContains: $nameContains, first: $first, after: $after) {
    ${PAGE}
    edges { node { ${ENTITY_REF} aliases } }
  }
}`;

export const BROWSABLE = [
  'DataCenter',
  'Chip',
  'Policy',
  'Source',
  'Company',
  'CompanyGroup',
  'Organization',
  'Country',
  'Region',
  'ChipFamily',
  'ProductCategory',
  'Person',
  'AIModel',
  'Quote',
] as const;
export type Browsable = (typeof BROWSABLE)[number];

/** A filter of the URL: a closed list (select), a country chosen from the graph's, an entity key, or a part of a name. */
export type FilterSpec =
  | { name: string; title: string; kind: 'enum'; values: readonly string[] }
  | { name: string; title: string; kind: 'country' }
  | { name: string; title: string; kind: 'key'; example: string }
  | { name: string; title: string; kind: 'text' };

/** A row of any listing, as the views read it: the fields its query selects. */
export interface Row {
  key: string;
  label: string;
  name: string;
  nameZh: string | null;
  [field: string]: unknown;
}

export interface Column {
  /** English header; also the CSV column. */
  title: string;
  /** What the download holds: plain text in the reader's language. */
  value: (row: Row) => Cell;
  /** What the page shows, when it is more than the value (links). */
  show?: (row: Row) => Child;
  number?: boolean;
}

type Variables = Record<string, unknown>;

export interface BrowseSpec {
  /** Reads one page: each listing sends its own document, typed by its generated answer type. */
  fetch: (variables: Variables) => Promise<BrowseAnswer>;
  filters: FilterSpec[];
  /** The root's arguments from the URL's filters; the label, for `entities`. */
  variables: (filters: Record<string, string>, label: string) => Record<string, unknown>;
  /** Columns after the name (which every listing starts with). */
  columns: 'dataCenter' | 'chip' | 'policy' | 'source' | 'company' | 'entity';
}

const keep = (filters: Record<string, string>, ...names: string[]) => Object.fromEntries(names.map((name) => [name, filters[name] || null]));

const DATA_CENTERS: BrowseSpec = {
  fetch: (variables) => gql<BrowseDataCentersQuery>(BROWSE_DATA_CENTERS, variables),
  filters: [
    { name: 'country', title: 'Country', kind: 'country' },
    { name: 'owner', title: 'Owner', kind: 'key', example: 'microsoft' },
    { name: 'status', title: 'Status', kind: 'enum', values: DATA_CENTER_STATUSES },
  ],
  variables: (f) => keep(f, 'country', 'owner', 'status'),
  columns: 'dataCenter',
};

const ENTITIES: BrowseSpec = {
  fetch: (variables) => gql<BrowseEntitiesQuery>(BROWSE_ENTITIES, variables),
  filters: [{ name: 'name', title: 'Name contains', kind: 'text' }],
  variables: (f, label) => ({ label, nameContains: f.name || null }),
  columns: 'entity',
};

export const BROWSE: Record<Browsable, BrowseSpec> = {
  DataCenter: DATA_CENTERS,
  Chip: {
    fetch: (variables) => gql<BrowseChipsQuery>(BROWSE_CHIPS, variables),
    filters: [
      { name: 'vendor', title: 'Vendor', kind: 'key', example: 'nvidia' },
      { name: 'family', title: 'Family', kind: 'key', example: 'hopper' },
    ],
    variables: (f) => keep(f, 'vendor', 'family'),
    columns: 'chip',
  },
  Policy: {
    fetch: (variables) => gql<BrowsePoliciesQuery>(BROWSE_POLICIES, variables),
    filters: [{ name: 'kind', title: 'Kind', kind: 'enum', values: POLICY_KINDS }],
    variables: (f) => keep(f, 'kind'),
    columns: 'policy',
  },
  Source: {
    fetch: (variables) => gql<BrowseSourcesQuery>(BROWSE_SOURCES, variables),
    filters: [{ name: 'kind', title: 'Kind', kind: 'enum', values: SOURCE_KINDS }],
    variables: (f) => keep(f, 'kind'),
    columns: 'source',
  },
  Company: {
    fetch: (variables) => gql<BrowseCompaniesQuery>(BROWSE_COMPANIES, variables),
    filters: [
      { name: 'country', title: 'Country', kind: 'country' },
      { name: 'kind', title: 'Kind', kind: 'enum', values: COMPANY_KINDS },
    ],
    variables: (f) => keep(f, 'country', 'kind'),
    columns: 'company',
  },
  CompanyGroup: ENTITIES,
  Organization: ENTITIES,
  Country: ENTITIES,
  Region: ENTITIES,
  ChipFamily: ENTITIES,
  ProductCategory: ENTITIES,
  Person: ENTITIES,
  AIModel: ENTITIES,
  Quote: ENTITIES,
};

export interface BrowseAnswer {
  graphVersion: string | null;
  countries?: { edges: { node: Pick<Row, 'key' | 'name' | 'nameZh'> }[] };
  list: { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string | null }; edges: { node: Row }[] };
}
