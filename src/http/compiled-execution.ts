import {
  BREAK,
  type DocumentNode,
  type ExecutionArgs,
  getOperationAST,
  getVariableValues,
  type ExecutionResult,
  GraphQLError,
  type OperationDefinitionNode,
  type Source,
  type SourceLocation,
  visit,
} from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { type CompiledQuery, compileQuery, isCompiledQuery } from 'graphql-jit';

interface Compiled {
  query: CompiledQuery;
  operation: OperationDefinitionNode;
}

/**
 * Queries and mutations run as JavaScript compiled once per document (graphql-jit) instead of
 * being interpreted field by field: on a neighbourhood of ~3,500 fields that is a third of the
 * server's CPU per request (bench/README.md, "Fourth series"). graphql-js still runs what
 * the compiler does not cover: @defer and @stream, subscriptions, a document it fails to compile
 * (logged once), and variables that do not coerce, whose errors clients and the GraphQL-over-HTTP
 * status rules know in graphql-js's words.
 *
 * @envelop/graphql-jit does the same but answers a document it cannot compile with the
 * compiler's error instead of running it.
 */
export function useCompiledExecution(onCompileFailure: (errors: readonly GraphQLError[], operationName: string | null) => void): Plugin {
  // Yoga parses each distinct document once and hands back the same object, so a document's
  // compiled form lives as long as Yoga's parse cache keeps the document.
  const byDocument = new WeakMap<DocumentNode, Map<string | null, Compiled | null>>();

  function compiledFor(args: ExecutionArgs): Compiled | null {
    const operationName = args.operationName ?? null;
    let byOperation = byDocument.get(args.document);
    if (!byOperation) {
      byOperation = new Map();
      byDocument.set(args.document, byOperation);
    }
    if (byOperation.has(operationName)) return byOperation.get(operationName)!;
    const compiled = compile(args, operationName);
    byOperation.set(operationName, compiled);
    return compiled;
  }

  function compile(args: ExecutionArgs, operationName: string | null): Compiled | null {
    const operation = getOperationAST(args.document, operationName);
    if (!operation || operation.operation === 'subscription' || deliversIncrementally(args.document)) return null;
    const query = compileQuery(args.schema, args.document, operationName ?? undefined);
    if (!isCompiledQuery(query)) {
      onCompileFailure(query.errors ?? [], operationName);
      return null;
    }
    return { query, operation };
  }

  const executeCompiled = async ({ query }: Compiled, args: ExecutionArgs): Promise<ExecutionResult> => {
    const result = await query.query(args.rootValue, args.contextValue, args.variableValues);
    if (!result.errors) return result;
    // Errors first, as graphql-js writes them, so that an answer reads the same either way.
    const { errors, ...rest } = result;
    return { errors: errors.map((error) => asGraphQLJsError(error, args.document.loc?.source)), ...rest };
  };

  return {
    onExecute({ args, setExecuteFn }) {
      const compiled = compiledFor(args);
      if (!compiled) return;
      const variables = compiled.operation.variableDefinitions ?? [];
      if (variables.length && getVariableValues(args.schema, variables, args.variableValues ?? {}, { maxErrors: 1 }).errors) return;
      setExecuteFn((executionArgs) => executeCompiled(compiled, executionArgs));
    },
  };
}

function deliversIncrementally(document: DocumentNode): boolean {
  let found = false;
  visit(document, {
    Directive(node) {
      if (node.name.value === 'defer' || node.name.value === 'stream') {
        found = true;
        return BREAK;
      }
      return undefined;
    },
  });
  return found;
}

const LINE_BREAK = /\r\n|[\n\r]/g;

/**
 * graphql-jit's errors have no extensions object when the thrown error had none, and no source or
 * nodes; graphql-js's always do, and the error masking, the request log and the coded errors read
 * them. This makes the error graphql-js would, located by its character offsets.
 *
 * One more difference: a value a leaf type cannot serialize (a stored enum value the schema does
 * not know) comes from graphql-jit as an error of its own, which masking would show the client,
 * stored value and all; Yoga's executor throws it as an unexpected error, masked and logged. So
 * every error graphql-jit made itself is unexpected, except a null in a non-null field, which
 * graphql-js shows too. (A type resolver's or a list resolver's wrong answer, which graphql-js
 * would show, is masked too: a bug of the service either way, and the log keeps it.)
 */
function asGraphQLJsError(error: GraphQLError, source: Source | undefined): GraphQLError {
  const positions = source && error.locations?.map((location) => offsetOf(source.body, location));
  const originalError = error.originalError ?? (NON_NULL_VIOLATION.test(error.message) ? undefined : new Error(error.message));
  return new GraphQLError(error.message, { source, positions, path: error.path, originalError, extensions: error.extensions });
}

const NON_NULL_VIOLATION = /^Cannot return null for non-nullable field /;

function offsetOf(body: string, { line, column }: SourceLocation): number {
  let lineStart = 0;
  LINE_BREAK.lastIndex = 0;
  for (let at = 1; at < line && LINE_BREAK.exec(body); at++) lineStart = LINE_BREAK.lastIndex;
  return lineStart + column - 1;
}
