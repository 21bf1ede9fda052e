import { createHash } from 'node:crypto';
import { canonicalJson } from '../core/canonical-json.js';

/**
 * What one source states about one thing: an entity's properties, a link, or a figure. Claims are
 * the truth of the graph; the entity nodes and the direct relationships that traversals follow are
 * derived from them (Wikidata's statement / "truthy" split), so no write from one source can erase
 * what another stated.
 */
export type ClaimKind = 'ENTITY' | 'LINK';

export interface ClaimRecord {
  key: string;
  kind: ClaimKind;
  /** The entity key (ENTITY) or the direct relationship's key (LINK) the claim is about. */
  target: string;
  /** The entity's label (ENTITY) or the relationship type (LINK). */
  type: string;
  from?: string;
  to?: string;
  /** The first source named, and all of them. */
  source: string;
  sources: string[];
  evidence: string[];
  derived: boolean;
  note?: string;
  /** Where in a dataset the statement is (`row 412: …`), and the publisher's confidence in it. */
  locator?: string;
  confidence?: string;
  /** The values the source gives, as JSON: an entity's properties, or a link's units, period... */
  values: string;
  /** Digest of the values alone: claims with equal digests agree. */
  valuesDigest: string;
  /** Digest of everything the source states: an unchanged digest makes a restatement a no-op. */
  digest: string;
  /** Order of recording (the change set's sequence number): the first statement is preferred. */
  seq: number;
  recordedIn: string;
  changedIn?: string;
  retracted: boolean;
  retractedIn?: string;
}

/**
 * The rule that picks the value every existing field shows when sources disagree, in order:
 * 1. a stated claim over a derived one;
 * 2. the claim recorded first (a later source never silently replaces what readers saw before;
 *    the disagreement is listed by `conflicts` instead);
 * 3. the first source's key, so the choice never depends on storage order.
 */
export const PREFERENCE_RULE =
  'Stated over derived; then the claim recorded first (a later source never silently replaces the shown value: the disagreement is listed in conflicts); then by source key.';

export function comparePreference(a: Pick<ClaimRecord, 'derived' | 'seq' | 'source'>, b: Pick<ClaimRecord, 'derived' | 'seq' | 'source'>): number {
  return Number(a.derived) - Number(b.derived) || a.seq - b.seq || a.source.localeCompare(b.source);
}

export function byPreference<T extends Pick<ClaimRecord, 'derived' | 'seq' | 'source'>>(claims: readonly T[]): T[] {
  return [...claims].sort(comparePreference);
}

/**
 * What a link rests on. STATED: a source states it. DERIVED: the curators inferred it from source
 * sentences (every claim is derived). CURATOR: only the curators' general knowledge states it (a
 * source of kind CURATOR_KNOWLEDGE, with no sentence of any published source behind it). Only
 * STATED links answer "what a source states".
 */
export type LinkBasis = 'STATED' | 'DERIVED' | 'CURATOR';

/** A link's basis from its claims: stated by some published source, else derived from one, else the curators' own. */
export function linkBasis(claims: readonly Pick<ClaimRecord, 'derived' | 'sources'>[], curatorSources: ReadonlySet<string>): LinkBasis {
  const published = (claim: Pick<ClaimRecord, 'sources'>) => claim.sources.some((source) => !curatorSources.has(source));
  if (claims.some((claim) => !claim.derived && published(claim))) return 'STATED';
  if (claims.some((claim) => claim.derived)) return 'DERIVED';
  return 'CURATOR';
}

/**
 * Cypher: whether relationship `r` is stated by a source. Links projected before `basis` existed
 * (and the links drawn from quotes and figures) carry only `derived`.
 */
export const statedLink = (r: string) => `(NOT coalesce(${r}.derived, false) AND coalesce(${r}.basis, 'STATED') = 'STATED')`;

// Claims are stored and digested as canonical JSON, so the same statement always has the same digest.
export function digestOf(value: unknown): string {
  return digestOfJson(canonicalJson(value));
}

/** digestOf a value already written as canonical JSON (a claim's stored values), without writing it again. */
export function digestOfJson(json: string): string {
  return createHash('sha256').update(json).digest('base64url');
}

/** One key per (thing, set of sources): the same sources restating it update their own claim. */
export function claimKey(kind: ClaimKind, target: string, sources: readonly string[]): string {
  return `${kind}|${target}|${[...new Set(sources)].sort().join('+')}`;
}

/** Every value once, in the order first seen. */
export function union<T>(lists: readonly (readonly T[] | undefined)[]): T[] {
  return [...new Set(lists.flatMap((list) => list ?? []))];
}
