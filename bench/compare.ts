// How the three answers to a question (project, peer, raw Cypher) are reduced to comparable data
// and compared; the questions themselves are in cases.ts.
import { canonicalJson } from '../src/core/canonical-json.js';

export type Json = Record<string, unknown>;

/**
 * An answer as canonical JSON, nulls kept: a field answered null is not a field left out. Key order
 * only decides how answers are sorted and printed, the same way for every variant.
 */
export const answerJson = (value: unknown, indent?: number) => canonicalJson(value, { keepNulls: true, indent });

/** Where a question admits several right answers, the reference (raw Cypher) lists them all. */
export interface OneOf {
  oneOf: unknown[];
}
export const oneOf = (values: unknown[]): OneOf => ({ oneOf: values });
const isOneOf = (v: unknown): v is OneOf => !!v && typeof v === 'object' && Array.isArray((v as OneOf).oneOf) && Object.keys(v).length === 1;

export interface Disagreement {
  /** Where, as a path such as `[3].country` (empty: the whole answer). */
  at: string;
  reference: unknown;
  answer: unknown;
}

/** Where an answer first departs from the reference, or null when it agrees with it. */
export function disagreement(reference: unknown, answer: unknown, at = ''): Disagreement | null {
  const here = { at, reference, answer };
  if (isOneOf(reference)) return reference.oneOf.some((r) => disagreement(r, answer) === null) ? null : here;
  if (Array.isArray(reference)) {
    if (!Array.isArray(answer) || answer.length !== reference.length) return here;
    for (const [i, r] of reference.entries()) {
      const found = disagreement(r, answer[i], `${at}[${i}]`);
      if (found) return found;
    }
    return null;
  }
  if (reference && typeof reference === 'object') {
    if (!answer || typeof answer !== 'object' || Array.isArray(answer)) return here;
    for (const name of [...new Set([...Object.keys(reference), ...Object.keys(answer)])].sort()) {
      const found = disagreement((reference as Json)[name], (answer as Json)[name], `${at}.${name}`);
      if (found) return found;
    }
    return null;
  }
  return reference === answer ? null : here;
}

export const list = <T>(value: T[] | null | undefined): T[] => value ?? [];
/** Sorted by canonical JSON: for answers whose order the question leaves open. */
export const sorted = <T>(items: T[]): T[] =>
  items
    .map((item) => [answerJson(item), item] as const)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, item]) => item);
export const keys = (items: { key: string }[] | null | undefined) => sorted(list(items).map((i) => i.key));
/** The project's evidenceVerbatim: the stored sentences, one per line. */
export const lines = (evidence: string[] | null | undefined) => (evidence ? evidence.join('\n') : null);
/** Scores and sums computed in different places differ in the last bits. */
const round = (n: number) => Math.round(n * 1e6) / 1e6;

export interface ChipUse {
  relation: string;
  units: number | null;
  period: string | null;
  target: string;
  evidence: string | null;
  sources: string[];
}
export interface PolicyLink {
  relation: string;
  policy: string;
  kind: string;
  status: string | null;
  evidence: string | null;
}
export interface Figure {
  value: number;
  unit: string;
  stated: string | null;
  sources: string[];
}

export function company(c: {
  key: string;
  name: string;
  country: string | OneOf | null;
  financials: Figure[];
  chips: ChipUse[];
  policies: PolicyLink[];
  sources: string[];
}) {
  return {
    ...c,
    financials: sorted(c.financials.map((f) => ({ ...f, value: round(f.value), stated: f.stated ?? null, sources: sorted(f.sources) }))),
    chips: sorted(c.chips.map((u) => ({ ...u, units: u.units ?? null, period: u.period ?? null, sources: sorted(u.sources) }))),
    policies: sorted(c.policies.map((p) => ({ ...p, status: p.status ?? null }))),
    sources: sorted(c.sources),
  };
}

export interface Step {
  type: string;
  from: string;
  to: string;
  evidence: string | null;
}

/** A company's paths are a set (the same scope path is found once per use, and kept once). */
export function exposure(company: string, policies: string[], routes: string[], found: Step[][]) {
  return {
    company,
    policies: sorted(policies),
    routes: sorted(routes),
    paths: sorted([...new Map(found.map((p) => [answerJson(p), p])).values()]),
  };
}

export const byCompany = (items: ReturnType<typeof exposure>[]) => items.sort((a, b) => a.company.localeCompare(b.company));

interface PathShape {
  length: number;
  nodes: string[];
  relationships: { type: string; evidence: string | null }[];
}

/**
 * SHORTEST k is free to return any of the paths that tie at the longest length it reaches, so
 * only what is determined is compared: every length, every shorter path, and how many of the longest.
 */
export function paths(found: PathShape[]) {
  const longest = Math.max(0, ...found.map((p) => p.length));
  return {
    lengths: found.map((p) => p.length).sort((a, b) => a - b),
    shorter: sorted(found.filter((p) => p.length < longest)),
    atLongest: found.filter((p) => p.length === longest).length,
  };
}

export interface Rel {
  type: string;
  from: { key: string; name?: string };
  to: { key: string; name?: string };
}
export function subgraph(truncated: boolean, nodes: { key: string; name: string }[], relationships: Rel[]) {
  return {
    truncated,
    nodes: sorted(nodes.map((n) => ({ key: n.key, name: n.name }))),
    relationships: sorted(relationships.map((r) => ({ type: r.type, from: r.from.key, to: r.to.key }))),
  };
}

export const totals = (rows: { groupKey: string; total: number; unit: string | null }[]) =>
  rows.map((r) => ({ groupKey: r.groupKey, total: round(r.total), unit: r.unit })).sort((a, b) => b.total - a.total || a.groupKey.localeCompare(b.groupKey));

export const hits = (rows: { key: string; name: string; score: number }[]) => rows.map((r) => ({ key: r.key, name: r.name, score: round(r.score) }));
