import { getArgumentValues, isObjectType, type FieldNode, type GraphQLResolveInfo } from 'graphql';
import type { Params } from '../db/database.js';
import { factsPattern, linkPattern, linkRow } from '../graph/lookups.js';
import type { Page } from '../graph/pages.js';
import { packedEntity, type FactRecord, type PropertyNeed } from '../graph/records.js';
import type { EntityLabel } from '../core/model.js';
import { entityRequest, factsRequest, linkRequest, type FactArgs, type GraphLoader } from './loader.js';
import { linkFieldOf } from './link-fields.js';
import { entityNeed, linkNeed, selectedFieldGroups, type Selection } from './selection.js';

/** Hands the value of one prefetched column, for the row whose entity has the key given, to the loader. */
type Handover = (graph: GraphLoader, key: string, value: unknown) => void;

/** The nested reads a page prefetches in its own statement, and how to hand their rows to the loader. */
export interface PrefetchPlan {
  /** Cypher expressions over the page's row `n`, by column name, and the parameters they use. */
  reads: { columns: Record<string, string>; params: Params };
  prime(graph: GraphLoader, page: Page): void;
}

/**
 * Plans the fields selected on a page's rows that follow links, list figures or name sources, and
 * the sources of those links and figures, as columns of the page's own statement, and hands what
 * they read to the loader as the requests their resolvers will make (src/read/loader.ts): the
 * resolvers then find the rows already loaded, and a nested page costs one round trip instead of
 * one per level. Fields it does not prefetch (deeper levels, other kinds) are batched by the
 * loader, so what is prefetched is an optimisation, never a condition of correctness.
 */
export function prefetchNested(info: GraphQLResolveInfo, path: string[], label: EntityLabel): PrefetchPlan {
  const columns: Record<string, string> = {};
  const params: Params = {};
  const handovers = new Map<string, Handover>();
  const objectType = info.schema.getType(label);
  const fields = isObjectType(objectType) ? objectType.getFields() : {};

  selectedFieldGroups(info, path).forEach((fieldNodes, index) => {
    const name = fieldNodes[0]!.name.value;
    const at: Selection = { fieldNodes, fragments: info.fragments, schema: info.schema };
    // Named after the field, numbered by its place in the selection: a field selected under two aliases gets two columns.
    const column = `${name}_${index}`;
    const field = Object.hasOwn(fields, name) ? fields[name]! : undefined;
    const link = field && linkFieldOf(field);
    if (link) {
      const { pattern, where } = linkPattern(link.spec, 'n');
      const sources = link.returns === 'LINKS' ? sourcesOf(at, 'r.sources') : null;
      const row = linkRow('n', linkNeed(at, link));
      columns[column] = `[${pattern} ${where} | [${row.cypher}, ${sources?.expression ?? '[]'}]]`;
      handovers.set(column, (graph, key, value) => {
        const found = value as [unknown, unknown[][]][];
        graph.prime(
          linkRequest(key, link, at),
          found.map(([linkValue]) => row.unpack(linkValue)),
        );
        for (const [, sourceLists] of found) sources?.prime(graph, sourceLists);
      });
    } else if (name === 'sources') {
      const sources = sourcesOf({ fieldNodes: [], fragments: info.fragments, schema: info.schema }, 'n.sources', [fieldNodes]);
      columns[column] = sources.expression;
      handovers.set(column, (graph, _key, value) => sources.prime(graph, value as unknown[][]));
    } else if (name === 'financials' && field) {
      const args = getArgumentValues(field, fieldNodes[0]!, info.variableValues) as FactArgs;
      const sources = sourcesOf(at, 'f.sources');
      params[`${column}_metric`] = args.metric ?? null;
      params[`${column}_period`] = args.period ?? null;
      const { pattern, where, row } = factsPattern('n', `$${column}_metric`, `$${column}_period`);
      columns[column] = `[${pattern} ${where} | [${row}, ${sources.expression}]]`;
      handovers.set(column, (graph, key, value) => {
        const found = value as [FactRecord, unknown[][]][];
        graph.prime(
          factsRequest(key, args),
          found.map(([fact]) => fact),
        );
        for (const [, sourceLists] of found) sources.prime(graph, sourceLists);
      });
    }
  });

  return {
    reads: { columns, params },
    prime(graph, page) {
      page.rows.forEach((row, i) => {
        for (const [column, handover] of handovers) handover(graph, row.key, page.prefetched[i]![column]);
      });
    },
  };
}

/**
 * The Source records a list of keys names, once per `sources` selection below `at` (or for the
 * groups given), as a Cypher expression giving one list of records per selection.
 */
function sourcesOf(at: Selection, keys: string, groups: FieldNode[][] = selectedFieldGroups(at, []).filter((g) => g[0]!.name.value === 'sources')) {
  const needs: PropertyNeed[] = groups.map((fieldNodes) => entityNeed({ fieldNodes, fragments: at.fragments, schema: at.schema }));
  const packed = needs.map((need) => packedEntity('s', need));
  return {
    expression: `[${packed.map((source) => `COLLECT { MATCH (s:Source) WHERE s.key IN coalesce(${keys}, []) RETURN ${source.cypher} }`).join(', ')}]`,
    prime(graph: GraphLoader, lists: unknown[][]) {
      lists.forEach((values, i) => {
        for (const value of values) {
          const record = packed[i]!.unpack(value);
          graph.prime(entityRequest(record.key, 'Source', needs[i]), [record]);
        }
      });
    },
  };
}
