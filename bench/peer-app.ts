import { Neo4jGraphQL } from '@neo4j/graphql';
import { GraphQLError } from 'graphql';
import { createYoga, maskError } from 'graphql-yoga';
import type { Driver } from 'neo4j-driver';

// The peer of `npm run bench:peer`: the official Neo4j GraphQL Library over this project's labels
// and relationship types. Reads of nodes and their relationships are the library's own generated
// fields (one Cypher statement per request, translated from the selection). The analyses, which
// its generated filters cannot express, are @cypher fields that follow the same traversal rules as
// src/graph (exposure.ts, paths.ts, search.ts, financials.ts); their results are maps, since a
// @cypher field of a non-node type cannot hold nodes for the library to project.
// Path quantifiers and SHORTEST counts take no parameters in Cypher, so `paths` and
// `neighborhood` are fixed to the benchmark's shape (4 hops / 5 paths, depth 2).

const SOURCES_OF_THIS = '"MATCH (s:Source) WHERE s.key IN this.sources RETURN s", columnName: "s"';

const entityRef = (v: string) => `{key: ${v}.key, name: ${v}.name, label: [l IN labels(${v}) WHERE l <> 'Entity'][0]}`;
const relation = (r: string) =>
  `{type: type(${r}), from: ${entityRef(`startNode(${r})`)}, to: ${entityRef(`endNode(${r})`)}, evidence: ${r}.evidence, derived: coalesce(${r}.derived, false)}`;
const path = (p: string) =>
  `{length: length(${p}), nodes: [x IN nodes(${p}) | ${entityRef('x')}], relationships: [r IN relationships(${p}) | ${relation('r')}]}`;

const EXPOSURE = `
  MATCH (chip:Chip {key: $chip})
  CALL (chip) {
    MATCH threat = (policy:Policy)-[:RESTRICTS|THREATENS]->(chip) RETURN policy, threat
    UNION
    MATCH threat = (policy:Policy)-[:RESTRICTS|THREATENS]->(:ChipFamily)<-[:MEMBER_OF]-(chip) RETURN policy, threat
  }
  WITH chip, policy, threat
  WHERE $policyKinds IS NULL OR size($policyKinds) = 0 OR policy.kind IN $policyKinds
  CALL (chip) {
    MATCH use = (company:Company)-[:BUYS|DEPENDS_ON]->(chip) RETURN company, use, 'DIRECT' AS route
    UNION
    MATCH use = (company:Company)-[:BUYS|DEPENDS_ON]->(:ChipFamily)<-[:MEMBER_OF]-(chip)
    WHERE NOT EXISTS { (chip)-[:MADE_FOR_MARKET]->() }
       OR EXISTS { (chip)-[:MADE_FOR_MARKET]->()<-[:HEADQUARTERED_IN|OPERATES_IN]-(company) }
    RETURN company, use, 'FAMILY' AS route
    UNION
    MATCH use = (company:Company)-[:BUYS|DEPENDS_ON]->(variant:Chip)-[:MEMBER_OF]->(:ChipFamily)<-[:MEMBER_OF]-(chip)
    WHERE variant <> chip AND EXISTS { (variant)-[:MADE_FOR_MARKET]->()<-[:HEADQUARTERED_IN|OPERATES_IN]-(company) }
    RETURN company, use, 'VARIANT' AS route
  }
  OPTIONAL MATCH scope = (policy)-[:TARGETS]->(:Country|Region)<-[:HEADQUARTERED_IN|OPERATES_IN]-(company)
  WITH policy, threat, company, use, route, collect(scope) AS scopes
  WHERE size(scopes) > 0 OR NOT EXISTS { (policy)-[:TARGETS]->(:Country|Region) }
  WITH company, collect(DISTINCT policy) AS policies, collect(DISTINCT route) AS routes,
       collect(DISTINCT use) + collect(DISTINCT threat) + reduce(all = [], s IN collect(scopes) | all + s) AS paths
  // The same scope path is collected once per use: keep one of each, as the project does.
  CALL (paths) { UNWIND paths AS p WITH DISTINCT p RETURN collect(p) AS distinctPaths }
  RETURN {company: ${entityRef('company')},
          policies: [p IN policies | {key: p.key, name: p.name, kind: p.kind, status: p.status}],
          routes: routes,
          paths: [p IN distinctPaths | ${path('p')}]} AS exposure
  ORDER BY company.key`;

// The project's Lucene queries (one per spelling of the client's text) are built in JS
// (src/graph/search.ts); the peer takes them ready-made, as a client of a @cypher field would have
// to send them, and asks `searchSpellings` for text with several, `search` for text with one.
const RANKED_HITS = `
  WITH node, textScore + CASE
    WHEN any(name IN [node.name, coalesce(node.nameZh, '')] + coalesce(node.aliases, []) WHERE toLower(name) IN $exact)
    THEN 100 ELSE 0 END AS score
  ORDER BY score DESC, node.key ASC
  LIMIT $first
  RETURN {score: score, node: ${entityRef('node')}} AS hit`;
const SEARCH = `
  CALL db.index.fulltext.queryNodes('entity_names', $queries[0]) YIELD node, score AS textScore
  ${RANKED_HITS}`;
const SEARCH_SPELLINGS = `
  UNWIND $queries AS query
  CALL db.index.fulltext.queryNodes('entity_names', query) YIELD node, score AS spellingScore
  WITH node, max(spellingScore) AS textScore
  ${RANKED_HITS}`;

const PATHS = `
  MATCH (a:Entity {key: $from}), (b:Entity {key: $to})
  WHERE a <> b
  MATCH p = SHORTEST 5 (a) (()-[]-(:Entity)){1,4} (b)
  WITH p ORDER BY length(p)
  RETURN ${path('p')} AS path`;

const NEIGHBORHOOD = `
  MATCH (a:Entity {key: $key})
  OPTIONAL CALL (a) {
    MATCH (a) (()-[r]-(:Entity)){1,2} ()
    UNWIND r AS rel
    WITH DISTINCT rel
    LIMIT $limit + 1
    RETURN collect(rel) AS rels
  }
  WITH a, coalesce(rels, []) AS rels
  WITH a, rels[0..$limit] AS kept, size(rels) > $limit AS truncated
  CALL (a, kept) {
    UNWIND [a] + reduce(ends = [], rel IN kept | ends + [startNode(rel), endNode(rel)]) AS n
    WITH DISTINCT n
    RETURN collect(${entityRef('n')}) AS nodes
  }
  RETURN {truncated: truncated, nodes: nodes, relationships: [rel IN kept | ${relation('rel')}]} AS subgraph`;

const TOTALS = `
  MATCH (c:Company)-[:REPORTED]->(f:FinancialFact)
  WHERE f.metric = $metric AND f.period = $period
  WITH c, f
  ORDER BY CASE f.qualifier WHEN 'EXACT' THEN 0 WHEN 'APPROX' THEN 1 ELSE 2 END, f.estimate, f.seq, f.key
  WITH c, collect(f)[0] AS chosen
  WITH c, chosen, chosen.qualifier IN ['EXACT', 'APPROX'] AS summable
  OPTIONAL CALL (c) { MATCH (c)-[:HEADQUARTERED_IN]->(country:Country) RETURN country LIMIT 1 }
  WITH CASE WHEN $groupBy = 'COUNTRY' THEN coalesce(country.key, 'unknown') ELSE coalesce(c.kind, 'unknown') END AS groupKey,
       chosen, summable
  WITH groupKey,
       sum(CASE WHEN summable THEN chosen.value ELSE 0 END) AS total,
       collect(DISTINCT CASE WHEN summable THEN chosen.unit END) AS units,
       count(CASE WHEN summable THEN 1 END) AS members
  WHERE members > 0
  RETURN {groupKey: groupKey, total: total, unit: units[0]} AS total
  ORDER BY total DESC, groupKey`;

export const peerTypeDefs = /* GraphQL */ `
  type Source @node { key: String! name: String! title: String kind: String }
  type Country @node { key: String! name: String! }
  type Chip @node { key: String! name: String! market: String }
  type ChipFamily @node { key: String! name: String! }
  union ChipOrFamily = Chip | ChipFamily
  type Policy @node { key: String! name: String! kind: String! status: String }

  type FinancialFact @node {
    key: String!
    metric: String!
    period: String
    value: Float!
    unit: String!
    stated: String
    qualifier: String
    sources: [Source!]! @cypher(statement: ${SOURCES_OF_THIS})
  }

  "Relationship properties cannot carry @cypher fields, so a link names its sources by key."
  type Link @relationshipProperties {
    units: Float
    period: String
    evidence: [String!]
    sources: [String!]
    derived: Boolean
  }

  type Company @node {
    key: String!
    name: String!
    nameZh: String
    kind: String
    sources: [Source!]! @cypher(statement: ${SOURCES_OF_THIS})
    country: Country @relationship(type: "HEADQUARTERED_IN", direction: OUT)
    figures: [FinancialFact!]! @relationship(type: "REPORTED", direction: OUT)
    buys: [ChipOrFamily!]! @relationship(type: "BUYS", direction: OUT, properties: "Link")
    dependsOn: [ChipOrFamily!]! @relationship(type: "DEPENDS_ON", direction: OUT, properties: "Link")
    restrictedBy: [Policy!]! @relationship(type: "RESTRICTS", direction: IN, properties: "Link")
    threatenedBy: [Policy!]! @relationship(type: "THREATENS", direction: IN, properties: "Link")
    targetedBy: [Policy!]! @relationship(type: "TARGETS", direction: IN, properties: "Link")
    influencedBy: [Policy!]! @relationship(type: "INFLUENCES", direction: IN, properties: "Link")
    issuedPolicies: [Policy!]! @relationship(type: "ISSUED_BY", direction: IN, properties: "Link")
    participatesIn: [Policy!]! @relationship(type: "PARTICIPATES_IN", direction: OUT, properties: "Link")
  }

  type EntityRef { key: String! name: String! label: String! }
  type PolicyRef { key: String! name: String! kind: String! status: String }
  type Relation { type: String! from: EntityRef! to: EntityRef! evidence: [String!] derived: Boolean! }
  type Path { length: Int! nodes: [EntityRef!]! relationships: [Relation!]! }
  type Exposure { company: EntityRef! policies: [PolicyRef!]! routes: [String!]! paths: [Path!]! }
  type SearchHit { score: Float! node: EntityRef! }
  type Subgraph { truncated: Boolean! nodes: [EntityRef!]! relationships: [Relation!]! }
  type Total { groupKey: String! total: Float! unit: String }

  type Query {
    exposure(chip: String!, policyKinds: [String!]): [Exposure!]!
      @cypher(statement: """${EXPOSURE}""", columnName: "exposure")
    search(queries: [String!]!, exact: [String!]!, first: Int!): [SearchHit!]!
      @cypher(statement: """${SEARCH}""", columnName: "hit")
    searchSpellings(queries: [String!]!, exact: [String!]!, first: Int!): [SearchHit!]!
      @cypher(statement: """${SEARCH_SPELLINGS}""", columnName: "hit")
    paths(from: String!, to: String!): [Path!]!
      @cypher(statement: """${PATHS}""", columnName: "path")
    neighborhood(key: String!, limit: Int! = 500): Subgraph
      @cypher(statement: """${NEIGHBORHOOD}""", columnName: "subgraph")
    financialTotals(metric: String!, period: String!, groupBy: String! = "COUNTRY"): [Total!]!
      @cypher(statement: """${TOTALS}""", columnName: "total")
  }
`;

/** The peer's HTTP app: graphql-yoga over the library's schema, on the project's own driver. */
export async function createPeerApp(driver: Driver, database: string) {
  const reported = new Set<string>();
  const schema = await new Neo4jGraphQL({ typeDefs: peerTypeDefs, driver }).getSchema();
  return createYoga({
    schema,
    graphqlEndpoint: '/graphql',
    landingPage: false,
    graphiql: false,
    logging: false,
    // Clients still see Yoga's masked INTERNAL_SERVER_ERROR, as the project's clients do; the cause
    // goes to stderr once per message, so a failure of the peer under load can be told apart from a
    // fault of the benchmark.
    maskedErrors: {
      maskError: (error, message, isDev) => {
        const cause = error instanceof GraphQLError && error.originalError ? error.originalError : error;
        const text = cause instanceof Error ? cause.message : String(cause);
        if (!reported.has(text)) {
          reported.add(text);
          console.error(`peer: masked error: ${text}`);
        }
        return maskError(error, message, isDev);
      },
    },
    context: () => ({ sessionConfig: { database } }),
  });
}
