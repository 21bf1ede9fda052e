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
