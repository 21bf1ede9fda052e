import type { CandidateRecord } from '../../graph/reconcile-candidates.js';
import { closest, ReconcileInputError } from './errors.js';
import { nameForms } from './names.js';

// Property constraints of a reconciliation query (`properties: [{pid: "country", v: "US"}]`): a
// column beside the names that tells namesakes apart. An identifier that agrees settles the match;
// another property that agrees adds a little, one that disagrees takes much away.

/** Identifier schemes by the property id a client sends. */
const IDENTIFIER_PIDS = { ticker: 'TICKER', sec_cik: 'SEC_CIK', wikidata: 'WIKIDATA' } as const;
export const CONSTRAINT_PIDS = ['country', 'vendor', 'kind', ...Object.keys(IDENTIFIER_PIDS)] as const;
type ConstraintPid = (typeof CONSTRAINT_PIDS)[number];

export const AGREEING_PROPERTY_BONUS = 5;
export const DISAGREEING_PROPERTY_PENALTY = 30;

export interface PropertyConstraint {
  pid: ConstraintPid;
  /** The values given, as text (a reconciled value `{id, name}` gives both). */
  values: string[];
}

/** `properties` of one query, checked. */
export function parseConstraints(queryId: string, properties: unknown): PropertyConstraint[] {
  if (properties === undefined) return [];
  const where = `queries.${queryId}.properties`;
  if (!Array.isArray(properties))
    throw new ReconcileInputError('BAD_RECONCILE_QUERY', `Query "${queryId}": "properties" must be a list of {pid, v}.`, { parameter: where });
  return properties.map((property) => {
    const { pid, v } = (property ?? {}) as { pid?: unknown; v?: unknown };
    if (typeof pid !== 'string' || v === undefined) {
      throw new ReconcileInputError('BAD_RECONCILE_QUERY', `Query "${queryId}": each property is {pid, v}.`, { parameter: where, value: property });
    }
    const known = CONSTRAINT_PIDS.find((p) => p === pid.toLowerCase());
    if (!known) {
      const suggestions = closest(pid, CONSTRAINT_PIDS);
      throw new ReconcileInputError('UNKNOWN_PROPERTY', `Query "${queryId}": property "${pid}" cannot constrain a match. Did you mean "${suggestions[0]}"?`, {
        parameter: where,
        value: pid,
        suggestions,
      });
    }
    const values = (Array.isArray(v) ? v : [v]).flatMap((value) =>
      typeof value === 'object' && value !== null
        ? [String((value as { id?: unknown }).id ?? ''), String((value as { name?: unknown }).name ?? '')]
        : [String(value)],
    );
    return { pid: known, values: values.map((value) => value.trim()).filter(Boolean) };
  });
}

/** Identifier values of a scheme, compared as written but without case or leading zeros (CIK 0001045810 = 1045810). */
const identifierForm = (value: string) =>
  value
    .trim()
    .toUpperCase()
    .replace(/^0+(?=\d)/, '');

function identifiersOf(candidate: CandidateRecord, scheme: string): string[] {
  return candidate.identifiers.flatMap((text) => {
    try {
      const id = JSON.parse(text) as { scheme?: string; value?: string };
      return id.scheme === scheme && typeof id.value === 'string' ? [identifierForm(id.value)] : [];
    } catch {
      return [];
    }
  });
}

/** The candidate's values for a property, in forms comparable with a client's; empty when it has none. */
function candidateForms(candidate: CandidateRecord, pid: ConstraintPid): string[] {
  if (pid === 'country') return candidate.countries.flatMap((c) => [c.key, c.name, c.nameZh ?? '', ...c.aliases].flatMap(nameForms));
  if (pid === 'vendor')
    return candidate.vendor ? [candidate.vendor.key, candidate.vendor.name, candidate.vendor.nameZh ?? '', ...candidate.vendor.aliases].flatMap(nameForms) : [];
  if (pid === 'kind') return candidate.kind ? [candidate.kind.toLowerCase()] : [];
  return identifiersOf(candidate, IDENTIFIER_PIDS[pid as keyof typeof IDENTIFIER_PIDS]);
}

function clientForms(pid: ConstraintPid, value: string): string[] {
  if (pid === 'kind') return [value.toLowerCase().replace(/[\s-]+/g, '_')];
  if (pid in IDENTIFIER_PIDS) return [identifierForm(value)];
  return nameForms(value);
}

export interface ConstraintOutcome {
  /** An identifier agrees: the candidate is the entity whatever its name. */
  identified: boolean;
  adjustment: number;
  features: { id: string; value: boolean }[];
}

export function constraintOutcome(constraints: readonly PropertyConstraint[], candidate: CandidateRecord): ConstraintOutcome {
  let identified = false;
  let adjustment = 0;
  const features: { id: string; value: boolean }[] = [];
  for (const { pid, values } of constraints) {
    const held = new Set(candidateForms(candidate, pid));
    // A candidate without the property is neither confirmed nor contradicted.
    if (!held.size || !values.length) continue;
    const agrees = values.some((value) => clientForms(pid, value).some((form) => held.has(form)));
    features.push({ id: `${pid}_agrees`, value: agrees });
    if (agrees && pid in IDENTIFIER_PIDS) identified = true;
    adjustment += agrees ? AGREEING_PROPERTY_BONUS : -DISAGREEING_PROPERTY_PENALTY;
  }
  return { identified, adjustment, features };
}
