import { totals } from '../compare.js';
import type { CaseKeys } from '../keys.js';
import type { BenchCase } from './bench-case.js';

/** CAPEX summed by country, one figure per company. */
export function totalsCase(k: CaseKeys): BenchCase {
  return {
    name: 'financialTotals (CAPEX by country)',
    graphql: {
      query: 'query ($period: String!) { financialTotals(metric: CAPEX, period: $period, groupBy: COUNTRY) { groupKey total unit } }',
      variables: { period: k.totalsPeriod },
    },
    // The rule of src/graph/financials.ts: one figure per company (exact over approximate,
    // stated over estimated, then the first recorded), bounds and ranges left out.
    cypher: {
      query: `MATCH (c:Company)-[:REPORTED]->(f:FinancialFact)
          WHERE f.metric = 'CAPEX' AND f.period = $period
          WITH c, f ORDER BY CASE f.qualifier WHEN 'EXACT' THEN 0 WHEN 'APPROX' THEN 1 ELSE 2 END, f.estimate, f.seq, f.key
          WITH c, collect(f)[0] AS chosen
          WHERE chosen.qualifier IN ['EXACT', 'APPROX']
          OPTIONAL CALL (c) { MATCH (c)-[:HEADQUARTERED_IN]->(country:Country) RETURN country LIMIT 1 }
          RETURN coalesce(country.key, 'unknown') AS groupKey, sum(chosen.value) AS total, collect(DISTINCT chosen.unit)[0] AS unit
          ORDER BY total DESC, groupKey`,
      params: { period: k.totalsPeriod },
    },
    peer: {
      query: 'query ($period: String!) { financialTotals(metric: "CAPEX", period: $period, groupBy: "COUNTRY") { groupKey total unit } }',
      variables: { period: k.totalsPeriod },
    },
    normalize: {
      project: (d) => totals(d.financialTotals as { groupKey: string; total: number; unit: string }[]),
      peer: (d) => totals(d.financialTotals as { groupKey: string; total: number; unit: string }[]),
      raw: (rows) => totals(rows as { groupKey: string; total: number; unit: string }[]),
    },
  };
}
