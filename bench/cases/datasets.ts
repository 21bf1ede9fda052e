import type { GraphQLQuestion } from './bench-case.js';

/** What the datasets questions are asked about: keys the public datasets (ATLAS_DATASETS_DIR) hold. */
export const DATASETS_KEYS = {
  /** The item most owners hold figures for (with a100, h100-h200 and the B200/B300, 7 each): the holdings chart's default. */
  holdingsChip: 'a100',
  /** xAI operates and uses 11 data centers and clusters (Epoch's data centers and GPU clusters). */
  dataCenterOwner: 'xai',
  chipVendor: 'nvidia',
  /** Named by the DoD 1260H list, NDAA §889 and the FCC Covered List. */
  designatedCompany: 'huawei',
  /** Epoch's data centers and GPU clusters state Colossus's capacity differently. */
  conflictSubject: 'colossus',
  exposureChip: 'h20',
} as const;

const k = DATASETS_KEYS;

/**
 * The questions the public datasets answer, as the explorer asks them (web/src: the charts, map,
 * browse, entity and exposure views), on the graph of the seed plus every dataset: recorded in
 * bench/db-hits-datasets.json by `npm run bench:dbhits -- --datasets --record`, in this order.
 */
export function datasetQuestions(): GraphQLQuestion[] {
  return [
    {
      // The holdings chart's list of items (HoldingItems): every owner of every chip with figures.
      name: 'chipHoldings (every owner and item)',
      graphql: { query: 'query { chipHoldings { owner { key } item { key label name nameZh } } }', variables: {} },
    },
    {
      // The holdings chart of one chip (Holdings): each owner's chips held over time.
      name: 'chipHoldings(chip) with figures',
      graphql: {
        query: `query ($chip: String!) { chipHoldings(chip: $chip) {
          owner { key label name nameZh } item { key label name nameZh }
          figures(metric: CHIP_COUNT) { key value valueLow valueHigh unit date period estimate estimatedBy { key } } } }`,
        variables: { chip: k.holdingsChip },
      },
    },
    {
      // The cluster power chart's first page (ClusterPower).
      name: 'dataCenters(kind: CLUSTER, status: OPERATING, first: 100)',
      graphql: {
        query: `query { dataCenters(first: 100, kind: CLUSTER, status: OPERATING) { totalCount pageInfo { hasNextPage endCursor }
          edges { node { key name nameZh firstOperationalOn powerMW locations { key label name nameZh }
            capacity: financials(metric: DATA_CENTER_CAPACITY) { value unit date } } } } }`,
        variables: {},
      },
    },
    {
      // The map filtered by owner (MapDataCenters).
      name: 'dataCenters(owner, first: 100) for the map',
      graphql: {
        query: `query ($owner: String!) { dataCenters(first: 100, owner: $owner) { totalCount pageInfo { hasNextPage endCursor }
          edges { node { key name nameZh kind status latitude longitude powerMW powerMWQualifier firstOperationalOn
            operators { key name nameZh } users { key name nameZh } locations { key label name nameZh }
            chips { units chip { key name nameZh } family { key name nameZh } }
            capacity: financials(metric: DATA_CENTER_CAPACITY) { value unit date } } } } }`,
        variables: { owner: k.dataCenterOwner },
      },
    },
    {
      // The ML hardware list of one designer (BrowseChips).
      name: 'chips(vendor, first: 20)',
      graphql: {
        query: `query ($vendor: String!) { chips(vendor: $vendor, first: 20) { totalCount pageInfo { hasNextPage endCursor }
          edges { node { key label name nameZh vendor { key label name nameZh } family { key label name nameZh } releasedOn
            tdpWatts memoryBytes bf16FlopsPerSecond } } } }`,
        variables: { vendor: k.chipVendor },
      },
    },
    {
      // A company's government lists (1260H, FCC, NDAA...) on the entity page, with their evidence.
      name: 'company designations',
      graphql: {
        query: `query ($key: String!) { company(key: $key) { key name
          designations { since until current locator policy { key label name nameZh kind } derived basis evidence sources { key title } } } }`,
        variables: { key: k.designatedCompany },
      },
    },
    {
      // The entity page's disagreements (Conflicts): where the datasets state one thing differently.
      name: 'conflicts(subject, first: 20)',
      graphql: {
        query: `query ($key: String!) { conflicts(subject: $key, first: 20) { totalCount
          edges { node { id kind subject { key } object { key } about period rule
            values { value preferred support { preferred derived note properties sources { key title } } } } } } }`,
        variables: { key: k.conflictSubject },
      },
    },
    {
      // The exposure view on the datasets graph: each exposed company's designations read in the same statement.
      name: 'exposure with designations',
      graphql: {
        query: `query ($chip: String!) { exposure(chip: $chip, policyKinds: [EXPORT_CONTROL]) {
          company { key name } policies { key kind status } routes designations { since until current policy { key } }
          paths { length relationships { type from { key } to { key } evidenceVerbatim sources { key } } } } }`,
        variables: { chip: k.exposureChip },
      },
    },
  ];
}
