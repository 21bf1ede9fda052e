import { maxAliasesPlugin } from '@escape.tech/graphql-armor-max-aliases';
import { maxDirectivesPlugin } from '@escape.tech/graphql-armor-max-directives';
import { maxTokensPlugin } from '@escape.tech/graphql-armor-max-tokens';
import type { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { Limits } from '../core/config.js';
import { clientError } from '../core/errors.js';

type Measure = 'tokens' | 'aliases' | 'directives' | 'nesting';

const advice: Record<Measure, string> = {
  tokens: 'send a shorter document',
  aliases: 'send fewer aliased fields, or split the work over several requests',
  directives: 'use fewer directives',
  nesting: 'nest selections and literals less deeply',
};

/**
 * The document's size is checked before anything expensive runs: tokens while it is parsed (so a
 * 20,000-deep selection or literal never reaches a recursive parser, validator or cost counter),
 * aliases and directives before it is validated. Every refusal is a QUERY_TOO_COMPLEX naming the
 * measure and the limit (graphql-armor's own errors carry no code).
 */
export function documentLimitPlugins(limits: Limits): Plugin[] {
  // Armor's own errors carry no code: a coded one is thrown in their place, which also stops
  // validation at once instead of letting it report every repeated directive one by one.
  const refuse = (measure: Measure, limit: number) => ({
    n: limit,
    propagateOnRejection: false,
    onReject: [
      (_context: unknown, error: GraphQLError) => {
        const found = /found (\d+)/.exec(error.message)?.[1];
        throw clientError('QUERY_TOO_COMPLEX', `The document has ${found ?? 'more'} ${measure}, more than the limit of ${limit}; ${advice[measure]}.`, {
          measure,
          limit,
          ...(found ? { value: Number(found) } : {}),
        });
      },
    ],
  });
  return [
    maxTokensPlugin(refuse('tokens', limits.maxTokens)),
    // After the token counter, so that it wraps the parser the counter installs.
    refuseNestingTooDeepForTheStack(),
    maxAliasesPlugin(refuse('aliases', limits.maxAliases)),
    maxDirectivesPlugin(refuse('directives', limits.maxDirectives)),
  ] as Plugin[];
}

/**
 * graphql-js parses recursively: a list literal nested a few thousand levels deep exhausts the
 * stack within the token limit. That is the document's fault, and is answered as such.
 */
function refuseNestingTooDeepForTheStack(): Plugin {
  return {
    onParse: ({ parseFn, setParseFn }) => {
      setParseFn((source, options) => {
        try {
          return parseFn(source, options);
        } catch (error) {
          if (!(error instanceof RangeError)) throw error;
          throw clientError('QUERY_TOO_COMPLEX', `The document is nested too deeply to parse; ${advice.nesting}.`, { measure: 'nesting' });
        }
      });
    },
  };
}

/** Levels of lists and objects a variable (or any other parameter) may nest: no input of this schema needs a tenth of it. */
export const MAX_VARIABLE_NESTING = 32;
/** Variables one request may send: more than a document within MAX_TOKENS can declare. */
export const MAX_VARIABLES = 1_000;

/**
 * JSON.parse reads any depth, but what walks the parsed parameters afterwards (graphql-js coercion,
 * the response cache's key, JSON.stringify anywhere) recurses, and a value nested 100,000 levels deep
 * overflows the stack: an INTERNAL_SERVER_ERROR for what is the client's mistake. So every parameter
 * is measured here, first of all and without recursion, and refused with HTTP 400 (like any other
 * malformed parameter) before another hook sees it. Yoga checks the parameters' types only after
 * the app's own hooks, so a `query` that is a deep object is measured here too.
 */
export function refuseOverflowingVariables(): Plugin {
  return {
    onParams: ({ params }) => {
      const { variables, ...others } = params as Record<string, unknown>;
      if (isMap(variables)) {
        const names = Object.keys(variables);
        if (names.length > MAX_VARIABLES) {
          throw refusal(
            `The request sends ${names.length} variables, more than the limit of ${MAX_VARIABLES}; send only the variables the document declares.`,
            {
              measure: 'variables',
              limit: MAX_VARIABLES,
              value: names.length,
            },
          );
        }
        for (const name of names) {
          if (nestsDeeperThan(variables[name], MAX_VARIABLE_NESTING)) {
            throw refusal(`Variable "$${name}" nests lists or objects more than ${MAX_VARIABLE_NESTING} levels deep, the limit; send a flatter value.`, {
              variable: name,
              measure: 'nesting',
              limit: MAX_VARIABLE_NESTING,
            });
          }
        }
      } else {
        others.variables = variables;
      }
      for (const [parameter, value] of Object.entries(others)) {
        if (nestsDeeperThan(value, MAX_VARIABLE_NESTING)) {
          throw refusal(`The "${parameter}" parameter nests lists or objects more than ${MAX_VARIABLE_NESTING} levels deep, the limit; send a flatter value.`, {
            parameter,
            measure: 'nesting',
            limit: MAX_VARIABLE_NESTING,
          });
        }
      }
    },
  };
}

const isMap = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function refusal(message: string, extensions: Record<string, unknown>): GraphQLError {
  return clientError('BAD_USER_INPUT', message, { ...extensions, http: { status: 400 } });
}

/** Depth-first with a stack of its own, so that measuring cannot overflow what it guards. */
function nestsDeeperThan(value: unknown, limit: number): boolean {
  const pending: [unknown, number][] = [[value, 0]];
  while (pending.length > 0) {
    const [current, depth] = pending.pop()!;
    if (current === null || typeof current !== 'object') continue;
    if (depth + 1 > limit) return true;
    for (const child of Array.isArray(current) ? current : Object.values(current)) pending.push([child, depth + 1]);
  }
  return false;
}
