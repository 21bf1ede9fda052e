import type { GraphQLError } from 'graphql';
import type { Context } from '../context.js';
import { COMPANY_KINDS, type EntityLabel } from '../core/model.js';
import { clientError } from '../core/errors.js';
import { editDistance, MAX_SUGGESTIONS, periodsOf, rankPeriods, suggestKeys, type KeySuggestions } from '../graph/suggest.js';

// The one rule for inputs that name nothing (docs/api-contract.md, "Errors"): an argument naming an
// unknown key or value is BAD_USER_INPUT; a root lookup of an unknown key or id is null plus NOT_FOUND.
// Both name the argument and the value and list the closest values that exist.

const quoted = (value: string) => JSON.stringify(value.slice(0, 100));

function didYouMean({ keys, sameKeyOtherCase }: KeySuggestions): string {
  if (!keys.length) return '';
  if (sameKeyOtherCase) return ` Keys are case-sensitive (lower-case); did you mean ${quoted(keys[0]!)}?`;
  return ` Did you mean ${keys.map(quoted).join(', ')}?`;
}

/** `Argument "chip" names no entity: "H2O". Did you mean "h20"?` with the suggestions in extensions. */
export async function unknownKeyError(ctx: Context, argument: string, value: string, labels: readonly EntityLabel[] | null = null): Promise<GraphQLError> {
  const suggestions = await suggestKeys(ctx.db, value, labels);
  return clientError('BAD_USER_INPUT', `Argument "${argument}" names no entity: ${quoted(value)}.${didYouMean(suggestions)}`, {
    argument,
    value: value.slice(0, 100),
    suggestions: suggestions.keys,
  });
}

/** The error a root lookup answers beside its null: NOT_FOUND, with the closest keys of the type it looks up. */
export async function notFoundError(
  ctx: Context,
  argument: string,
  value: string,
  what: string,
  labels: readonly EntityLabel[] | null = null,
): Promise<GraphQLError> {
  const suggestions = await suggestKeys(ctx.db, value, labels);
  return clientError('NOT_FOUND', `No ${what} has the ${argument} ${quoted(value)}.${didYouMean(suggestions)}`, {
    argument,
    value: value.slice(0, 100),
    suggestions: suggestions.keys,
  });
}

/** A period no figure of the metric has: BAD_USER_INPUT listing those that exist, closest first. */
export async function unknownPeriodError(ctx: Context, argument: string, value: string, metric: string): Promise<GraphQLError | null> {
  const periods = await periodsOf(ctx.db, metric);
  if (periods.includes(value)) return null;
  const ranked = rankPeriods(value, periods);
  const hint = ranked.length ? ` Periods with ${metric} figures, closest first: ${ranked.map(quoted).join(', ')}.` : ` No figure states ${metric}.`;
  return clientError('BAD_USER_INPUT', `Argument "${argument}" names a period no ${metric} figure has: ${quoted(value)}.${hint}`, {
    argument,
    value: value.slice(0, 100),
    suggestions: ranked,
  });
}

/**
 * A group key that is neither a country key nor a company kind (`ratioTo(groupKey: "chna")`):
 * BAD_USER_INPUT listing the groups of the result, closest first. Null for a real group, which may
 * simply have no figures this period.
 */
export async function unknownGroupError(ctx: Context, value: string, groups: readonly string[]): Promise<GraphQLError | null> {
  if ((COMPANY_KINDS as readonly string[]).includes(value) || (await ctx.graph.entity(value, undefined, ['key']))) return null;
  const ranked = [...groups].sort((a, b) => editDistance(value, a) - editDistance(value, b));
  return clientError(
    'BAD_USER_INPUT',
    `Argument "groupKey" names no group: ${quoted(value)}. Groups of this result, closest first: ${ranked.map(quoted).join(', ')}.`,
    {
      argument: 'groupKey',
      value: value.slice(0, 100),
      suggestions: ranked.slice(0, MAX_SUGGESTIONS),
    },
  );
}

/** A root lookup's answer: the entity, or (thrown, so the field is null beside it) NOT_FOUND with the closest keys. */
export async function foundOr<T>(ctx: Context, found: T | null, key: string, what: string, labels: readonly EntityLabel[] | null = null): Promise<T> {
  if (found !== null) return found;
  throw await notFoundError(ctx, 'key', key, what, labels);
}

/** What a global ID names once decoded; MALFORMED_ID as the type when it decodes to nothing of this API. */
export interface DecodedId {
  typename: string;
  id: string;
}

/** The type of an id that does not decode: node answers BAD_USER_INPUT for it, nodes at its position only. */
export const MALFORMED_ID = '';

/**
 * The entity a global ID names, or the error for its position: BAD_USER_INPUT when the id does not
 * decode, NOT_FOUND (with the closest keys of its type) when nothing has it.
 */
export async function entityOrErrorAt(ctx: Context, decoded: DecodedId, argument: string): Promise<unknown> {
  if (decoded.typename === MALFORMED_ID) {
    return clientError(
      'BAD_USER_INPUT',
      `Argument "${argument}" is not a global ID of this API: ${quoted(decoded.id)}; pass the id field of an entity (or use entity(key:)).`,
      { argument, value: decoded.id.slice(0, 100), suggestions: [] },
    );
  }
  const label = decoded.typename as EntityLabel;
  const found = await ctx.graph.entity(decoded.id, label);
  if (found) return found;
  const error = await notFoundError(ctx, 'key', decoded.id, label, [label]);
  error.extensions.argument = argument;
  error.extensions.value = Buffer.from(`${label}:${decoded.id}`).toString('base64').slice(0, 100);
  return error;
}
