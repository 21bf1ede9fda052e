import { getArgumentValues, isObjectType, type FieldNode, type GraphQLResolveInfo } from 'graphql';
import type { Params } from '../db/database.js';
import { entityByKey, factsOf, linkPattern, linkRow, linksOf, type FactFilter } from '../graph/lookups.js';
import type { Page } from '../graph/pages.js';
import { entityProjection, type EntityRecord, type FactRecord, type LinkRecord, type PropertyNeed } from '../graph/records.js';
import type { GraphLoader } from './loader.js';
import { LINK_FIELDS, linkNeed, type LinkField } from './link-fields.js';
import { entityNeed, selectedFieldGroups, type Selection } from './selection.js';

type Primer = (graph: GraphLoader, key: string, value: unknown) => void;

/** The nested reads a page folds into its own statement, and how to hand their rows to the loader. */
export interface Folding {
  folds: { columns: Record<string, string>; params: Params };
  prime(graph: GraphLoader, page: Page): void;
}

/**
 * Folds the fields selected on a page's rows that follow links, list figures or name sources, and
 * the sources of those links and figures, into the page's own statement, as the loader would ask
 * for them. Their resolvers then find the rows already loaded: a nested page costs one round trip
 * instead of one per level. Fields it does not fold (deeper levels, other kinds) are batched by
 * the loader as before, so what is folded is an optimisation, never a condition of correctness.
 */
export function foldNested(info: GraphQLResolveInfo, path: string[], type: keyof typeof LINK_FIELDS): Folding {
  const columns: Record<string, string> = {};
  const params: Params = {};
  const primers = new Map<string, Primer>();
  const linkFields: Record<string, LinkField> = LINK_FIELDS[type];
  const objectType = info.schema.getType(type);

  selectedFieldGroups(info, path).forEach((fieldNodes, index) => {
    const name = fieldNodes[0]!.name.value;
    const at: Selection = { fieldNodes, fragments: info.fragments };
    const column = `fold${index}`;
    const link = Object.hasOwn(linkFields, name) ? linkFields[name] : undefined;
    if (link) {
      const need = linkNeed(at, link);
      const { pattern, where } = linkPattern(link.spec, 'n');
      const sources = link.returns === 'LINKS' ? sourcesOf(at, 'r.sources') : null;
      columns[column] = `[${pattern} ${where} | {row: ${linkRow('n', need)}, sources: ${sources?.expression ?? '[]'}}]`;
      primers.set(column, (graph, key, value) => {
        const found = value as { row: LinkRecord; sources: EntityRecord[][] }[];
        graph.prime(
          linksOf(link.spec, need),
          key,
          found.map((item) => item.row),
        );
        for (const item of found) sources?.prime(graph, item.sources);
      });
    } else if (name === 'sources') {
      const sources = sourcesOf({ fieldNodes: [], fragments: info.fragments }, 'n.sources', [fieldNodes]);
      columns[column] = sources.expression;
      primers.set(column, (graph, _key, value) => sources.prime(graph, value as EntityRecord[][]));
    } else if (name === 'financials' && isObjectType(objectType)) {
      const args = getArgumentValues(objectType.getFields().financials!, fieldNodes[0]!, info.variableValues) as Omit<FactFilter, 'subject'>;
      const sources = sourcesOf(at, 'f.sources');
      params[`${column}metric`] = args.metric ?? null;
      params[`${column}period`] = args.period ?? null;
      columns[column] = `[(n)-[:REPORTED]->(f:FinancialFact)
        WHERE ($${column}metric IS NULL OR f.metric = $${column}metric) AND ($${column}period IS NULL OR f.period = $${column}period)
        | {row: f {.*}, sources: ${sources.expression}}]`;
      primers.set(column, (graph, key, value) => {
        const found = value as { row: FactRecord; sources: EntityRecord[][] }[];
        // The request the resolver makes: the same object, so the same cache key.
        graph.prime(
          factsOf,
          { subject: key, metric: args.metric, period: args.period },
          found.map((item) => item.row),
        );
        for (const item of found) sources.prime(graph, item.sources);
      });
    }
  });

  return {
    folds: { columns, params },
    prime(graph, page) {
      page.rows.forEach((row, i) => {
        for (const [column, prime] of primers) prime(graph, row.key, page.folded[i]![column]);
      });
    },
  };
}

/**
 * The Source records a list of keys names, once per `sources` selection below `at` (or for the
 * groups given), as a Cypher expression giving one list of records per selection.
 */
function sourcesOf(at: Selection, keys: string, groups: FieldNode[][] = selectedFieldGroups(at, []).filter((g) => g[0]!.name.value === 'sources')) {
  const needs: PropertyNeed[] = groups.map((fieldNodes) => entityNeed({ fieldNodes, fragments: at.fragments }));
  return {
    expression: `[${needs.map((need) => `COLLECT { MATCH (s:Source) WHERE s.key IN coalesce(${keys}, []) RETURN ${entityProjection('s', need)} }`).join(', ')}]`,
    prime(graph: GraphLoader, lists: EntityRecord[][]) {
      lists.forEach((records, i) => {
        for (const record of records) graph.prime(entityByKey('Source', needs[i]), record.key, [record]);
      });
    },
  };
}
