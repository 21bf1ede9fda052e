import { normalizeText } from '../text/normalize.js';
import { translateEvidence } from '../text/translations.js';
import type { Cell, GraphData, GraphEdge, GraphNode } from './graph-files.js';
import type { ExportedFact, ExportedGraph, Properties } from './items.js';

/**
 * The evidence cleaned of conversion noise (as the API's `evidence`) and the curators' English
 * (as the API's `evidenceEn`: null unless every sentence has one), one sentence per line.
 */
export function evidenceAids(given: string | string[] | undefined): { evidenceClean?: string; evidenceEn?: string } {
  const evidence = typeof given === 'string' ? [given] : given;
  if (!evidence?.length) return {};
  const english = evidence.map(translateEvidence);
  return {
    evidenceClean: evidence.map(normalizeText).join('\n'),
    ...(english.every((line) => line !== null) ? { evidenceEn: english.join('\n') } : {}),
  };
}

/** Every node key of the export -> what a reader calls it: an entity's name, a source's title, a quote's text. */
export function namesByKey(graph: ExportedGraph): Map<string, string> {
  return new Map([
    ...graph.entities.map((e): [string, string] => [e.key, e.name]),
    ...graph.sources.map((s): [string, string] => [s.key, s.titleEn ?? s.title]),
    ...graph.quotes.map((q): [string, string] => [q.key, q.textEn ?? q.text]),
  ]);
}

/**
 * The column a figure is written to: metric and period (`CAPEX_2024`), then what it counts and in
 * which market where it says (`UNITS_2024_h20`), so one column holds comparable values to size by.
 */
export function figureColumn(fact: ExportedFact): string {
  return [fact.metric, fact.period ?? 'undated', fact.item, fact.market].filter(Boolean).join('_');
}

/** Evidence sentences one per line, as the API gives them; any other list as a JSON array. */
function cell(name: string, value: unknown): Cell {
  if (Array.isArray(value)) return name === 'evidence' ? value.map(String).join('\n') : JSON.stringify(value);
  if (value === null || value === undefined || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  return JSON.stringify(value);
}

function cells(properties: Properties): Record<string, Cell> {
  return Object.fromEntries(Object.entries(properties).map(([name, value]) => [name, cell(name, value)]));
}

/**
 * The export as a graph for GraphML and GEXF: entities, sources and quotes are nodes; stated links
 * and the SAID and ABOUT links a quote implies are edges, each with its evidence verbatim, cleaned
 * and in English. Figures become node columns (`CAPEX_2024` = 160, `CAPEX_2024_unit` = CNY_BILLION);
 * where sources give one figure differently, the first exported (the preferred) is written. Source
 * texts are left out.
 */
export function toGraphData(graph: ExportedGraph): GraphData {
  const figures = new Map<string, Record<string, Cell>>();
  for (const fact of graph.facts) {
    const columns = figures.get(fact.subject) ?? {};
    const column = figureColumn(fact);
    if (columns[column] === undefined) {
      columns[column] = fact.value;
      columns[`${column}_unit`] = fact.unit;
    }
    figures.set(fact.subject, columns);
  }
  const nodes: GraphNode[] = [
    ...graph.entities.map(({ key, label, name, ...entity }) => ({ id: key, label, name, attributes: { ...cells(entity), ...figures.get(key) } })),
    ...graph.sources.map(({ key, textFile, ...source }) => ({ id: key, label: 'Source', name: source.titleEn ?? source.title, attributes: cells(source) })),
    ...graph.quotes.map(({ key, speaker, about, ...quote }) => ({
      id: key,
      label: 'Quote',
      name: quote.textEn ?? quote.text,
      attributes: { ...cells(quote), ...evidenceAids(quote.evidence) },
    })),
  ];
  const edges: Omit<GraphEdge, 'id'>[] = graph.relationships.map(({ type, from, to, properties, evidence, ...provenance }) => ({
    source: from,
    target: to,
    type,
    // The link's own fields win over a property that happens to share a name.
    attributes: { ...cells(properties ?? {}), ...cells({ evidence, ...provenance }), ...evidenceAids(evidence) },
  }));
  for (const quote of graph.quotes) {
    const attributes = { ...cells({ evidence: quote.evidence, sources: quote.sources, derived: false }), ...evidenceAids(quote.evidence) };
    if (quote.speaker) edges.push({ source: quote.speaker, target: quote.key, type: 'SAID', attributes });
    for (const subject of quote.about) edges.push({ source: quote.key, target: subject, type: 'ABOUT', attributes });
  }
  return { nodes, edges: edges.map((edge, i) => ({ id: `e${i}`, ...edge })) };
}
