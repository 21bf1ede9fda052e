import type { Params } from '../db/database.js';

// Filters of the root connections, as Cypher conditions over `n` plus their parameters.

export interface Filter {
  conditions: string[];
  params: Params;
  /**
   * A pattern ending in `n` that the rows are matched from, when a filter names an entity the
   * rows are linked to: starting there seeks that one entity's links instead of testing every
   * row of the label (as an EXISTS condition would).
   */
  anchor?: string;
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

export interface DataCenterFilter {
  /** A country or region: the data center is located in it, or in a region part of it (two levels). */
  country?: string | null;
  /** A company or group that operates or uses it (OPERATES, USES). */
  owner?: string | null;
  status?: string | null;
  kind?: string | null;
  /** A chip or family it hosts: itself, a class or family it is in, or a member of it. */
  chip?: string | null;
}

export function dataCenterFilter(f: DataCenterFilter = {}): Filter {
  const conditions: string[] = [];
  const params: Params = {};
  if (f.country) {
    conditions.push('EXISTS { (n)-[:LOCATED_IN]->(:Entity)-[:PART_OF*0..2]->(:Entity {key: $country}) }');
    params.country = f.country;
  }
  let anchor: string | undefined;
  if (f.owner) {
    anchor = '(:Entity {key: $owner})-[:OPERATES|USES]->(n)';
    params.owner = f.owner;
  }
  if (f.status) {
    conditions.push('n.status = $status');
    params.status = f.status;
  }
  if (f.kind) {
    conditions.push('n.kind = $kind');
    params.kind = f.kind;
  }
  if (f.chip) {
    conditions.push('EXISTS { MATCH (n)-[:HOSTS]->(x:Entity) WHERE x.key = $chip OR EXISTS { (x)-[:MEMBER_OF*1..2]-(:Entity {key: $chip}) } }');
    params.chip = f.chip;
  }
  return anchor ? { conditions, params, anchor } : { conditions, params };
}

export interface ChipFilter {
  /** The designer: the chip's vendor, or a company that DESIGNS it. */
  vendor?: string | null;
  /** A family or class the chip is in, two levels up (h100 is in h100-h200, in hopper). */
  family?: string | null;
}

export function chipFilter(f: ChipFilter = {}): Filter {
  const conditions: string[] = [];
  const params: Params = {};
  if (f.vendor) {
    conditions.push('(n.vendor = $vendor OR EXISTS { (:Entity {key: $vendor})-[:DESIGNS]->(n) })');
    params.vendor = f.vendor;
  }
  if (f.family) {
    conditions.push('EXISTS { (n)-[:MEMBER_OF*1..2]->(:ChipFamily {key: $family}) }');
    params.family = f.family;
  }
  return { conditions, params };
}

export function sourceFilter(kind?: string | null): Filter {
  return policyFilter(kind);
}
