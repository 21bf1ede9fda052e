/**
 * GraphiQL opens on these tabs: the README's example read queries, verbatim (test/db/explorer/graphiql.test.ts
 * checks that they still match the README and run without errors). Each is a named operation, so its
 * tab says what it holds.
 */
export const GRAPHIQL_TABS: { query: string }[] = [
  {
    query: `# Companies with their country, 2024 capex, chips and policies, each with its evidence
query ChineseCompanies {
  companies(filter: { country: "china" }, first: 5) {
    totalCount
    edges { cursor node {
      key name nameZh country { key }
      financials(metric: CAPEX, period: "2024") { value unit stated evidence sources { title } }
      chips { relation units period chip { key } family { key } derived evidence sources { key } }
      policies { relation policy { key kind status } evidence }
    } }
    pageInfo { hasNextPage endCursor }
  }
}
`,
  },
  {
    query: `query AnalystQueries {
  # Which firms depend on the H20 while an export control threatens it, and on what evidence?
  exposure(chip: "h20", policyKinds: [EXPORT_CONTROL]) {
    company { key name } policies { key status } routes
    paths { relationships { type from { key } to { key } evidence derived sources { title } } }
  }
  paths(from: "bytedance", to: "hopper", maxHops: 4, first: 3) { length nodes { key } relationships { type evidence } }
  neighborhood(key: "h20", depth: 2, types: [DEPENDS_ON, MEMBER_OF]) { nodes { key label } relationships { type from { key } to { key } } truncated }
  search(text: "字節跳動", first: 5) { edges { score node { key label name } } }
  financialTotals(metric: CAPEX, period: "2024", groupBy: COUNTRY) { groupKey total unit computed method ratioTo(groupKey: "china") companies { key } }
  quotes(about: "stargate") { edges { node { text textEn saidOn venue speaker { name } } } }
}
`,
  },
  {
    query: `# Each source's claims, where they disagree, stated links only, totals from one source, and what changed
query ClaimsAndConflicts {
  company(key: "bytedance") { chips { units support { source { key } evidence properties preferred } } }
  conflicts(subject: "bytedance") { edges { node { kind about period values { value preferred support { source { key } evidence } } } } }
  exposure(chip: "h20", includeDerived: false) { basis company { key } }
  financialTotals(metric: CAPEX, period: "2024", sources: ["caijing-2025-us-cn-ai-compute-capex"]) { groupKey total sources { key } }
  graphVersion
  changes(since: "cs-1") { edges { node { id at principal sources { key } added changed retracted } } }
}
`,
  },
];
