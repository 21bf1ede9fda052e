import type { Plugin } from 'graphql-yoga';
import type { Context } from '../context.js';

/**
 * A client sends back the token a write answered with, to whichever instance serves its next
 * request, and is then served no earlier than that write.
 */
export const CONSISTENCY_HEADER = 'x-atlas-consistency';

/**
 * Every response whose request committed a write carries that commit's position as a consistency
 * token, in `extensions.consistency` and in the X-Atlas-Consistency header.
 */
export function useConsistencyToken(): Plugin<Context> {
  const issued = new WeakMap<Request, string>();
  return {
    onExecute: ({ args }) => ({
      onExecuteDone: ({ result, setResult }) => {
        const context = args.contextValue as Context & { request: Request };
        if (Symbol.asyncIterator in result || !context.causality.committed.length) return;
        const token = context.db.tokens.issue(context.causality.committed);
        issued.set(context.request, token);
        setResult({ ...result, extensions: { ...result.extensions, consistency: token } });
      },
    }),
    onResponse: ({ request, response }) => {
      const token = issued.get(request);
      if (token) response.headers.set(CONSISTENCY_HEADER, token);
    },
  };
}
