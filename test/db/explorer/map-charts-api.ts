import { expect } from 'vitest';
import { execute, type GraphQLResponse } from '../../helpers.js';
import { testApp } from './browser.js';

// What the map and charts views must show, asked of the API directly (every page of data centers,
// 100 at a time), and the power rule the power chart states in its caption, written out here again.

export interface ApiDataCenter {
  key: string;
  status: string;
  latitude: number | null;
  longitude: number | null;
  powerMW: number | null;
  firstOperationalOn: string | null;
  locations: { key: string; label: string }[];
  capacity: { value: number; unit: string; date: string | null }[];
}

const PAGE = `query ($after: String, $country: String, $owner: String, $status: DataCenterStatus, $kind: DataCenterKind) {
  dataCenters(first: 100, after: $after, country: $country, owner: $owner, status: $status, kind: $kind) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { node { key status latitude longitude powerMW firstOperationalOn locations { key label }
      capacity: financials(metric: DATA_CENTER_CAPACITY) { value unit date } } }
  }
}`;

export async function allDataCenters(filter: Record<string, string> = {}): Promise<ApiDataCenter[]> {
  const found: ApiDataCenter[] = [];
  let after: string | null = null;
  for (;;) {
    const response: GraphQLResponse = await execute(testApp(), PAGE, { ...filter, after });
    expect(response.errors).toBeUndefined();
    const page: { edges: { node: ApiDataCenter }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } = response.data!.dataCenters;
    found.push(...page.edges.map((edge) => edge.node));
    if (!page.pageInfo.hasNextPage) return found;
    after = page.pageInfo.endCursor;
  }
}

export const placedKeys = (dataCenters: ApiDataCenter[]) =>
  dataCenters
    .filter((dc) => dc.latitude !== null && dc.longitude !== null)
    .map((dc) => dc.key)
    .sort();

/** powerMW where stated, else the latest MW capacity figure dated up to today, else an undated one. */
export function statedPower(dc: ApiDataCenter): number | null {
  if (dc.powerMW !== null) return dc.powerMW;
  const today = new Date().toISOString().slice(0, 10);
  const inMW = dc.capacity.filter((figure) => figure.unit === 'MEGAWATT');
  const dated = inMW.filter((figure) => figure.date !== null && figure.date <= today).sort((a, b) => a.date!.localeCompare(b.date!));
  return dated.at(-1)?.value ?? inMW.find((figure) => figure.date === null)?.value ?? null;
}

/** Each country's total power of operating clusters with a power and a first-operational date. */
export function powerByCountry(clusters: ApiDataCenter[]): Map<string, number> {
  const totals = new Map<string, number>();
  for (const cluster of clusters) {
    const power = statedPower(cluster);
    if (!cluster.firstOperationalOn || !power) continue;
    for (const place of cluster.locations.filter((location) => location.label === 'Country')) totals.set(place.key, (totals.get(place.key) ?? 0) + power);
  }
  return totals;
}
