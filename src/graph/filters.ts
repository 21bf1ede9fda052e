import type { Params } from '../db/database.js';

// Filters of the root connections, as Cypher conditions over `n` plus their parameters.

export interface Filter {
  conditions: string[];
  params: Params;
}

export interface CompanyFilter {
  country?: string | null;
  kind?: string | null;
  nameContains?: string | null;
}

export function companyFilter(f: CompanyFilter = {}): Filter {
  const conditions: string[] = [];
  const params: Params = {};
  if (f.country) {
    conditions.push('EXISTS { (n)-[:HEADQUARTERED_IN]->(:Entity {key: $country}) }');
    params.country = f.country;
  }
  if (f.kind) {
    conditions.push('n.kind = $kind');
    params.kind = f.kind;
  }
  if (f.nameContains) {
    conditions.push("any(name IN [n.name, coalesce(n.nameZh, '')] + coalesce(n.aliases, []) WHERE toLower(name) CONTAINS toLower($nameContains))");
    params.nameContains = f.nameContains;
  }
  return { conditions, params };
}

export function policyFilter(kind?: string | null): Filter {
  return kind ? { conditions: ['n.kind = $kind'], params: { kind } } : { conditions: [], params: {} };
}

export function quoteFilter(speaker?: string | null, about?: string | null): Filter {
  const conditions: string[] = [];
  const params: Params = {};
  if (speaker) {
    conditions.push('EXISTS { (:Person {key: $speaker})-[:SAID]->(n) }');
    params.speaker = speaker;
  }
  if (about) {
    conditions.push('EXISTS { (n)-[:ABOUT]->(:Entity {key: $about}) }');
    params.about = about;
  }
  return { conditions, params };
}
