import { type DocumentNode, type ExecutionResult, GraphQLError, type GraphQLSchema, getNamedType, getOperationAST, isEnumType, typeFromAST } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { clientError, type ErrorCode } from '../core/errors.js';

/**
 * Yoga checks the type of every parameter but this one, and a non-string reached getOperationAST
 * (and the hooks that label metrics and logs by it): the request is malformed, HTTP 400.
 */
export function refuseMalformedOperationName(): Plugin {
  return {
    onParams: ({ params }) => {
      const name: unknown = params.operationName;
      if (name === null || name === undefined || typeof name === 'string') return;
      throw clientError(
        'BAD_REQUEST',
        `The "operationName" parameter must be a string naming one of the document's operations (got ${Array.isArray(name) ? 'an array' : `a ${typeof name}`}).`,
        {
          http: { status: 400 },
        },
      );
    },
  };
}

/**
 * Request errors (GraphQL spec: raised before execution begins) that graphql-js reports without a
 * code. Variables that fail coercion (a wrong enum value, a value of the wrong type, a missing
 * required variable) become BAD_USER_INPUT naming the variable, its type and, for an enum, the
 * values it takes; any other becomes BAD_REQUEST. Each gets the status the GraphQL-over-HTTP spec
 * asks for: 200 with `application/json`, 400 with `application/graphql-response+json` (Yoga reads
 * `http.spec` that way). The executor's own answer was 400 whatever the media type, and uncoded,
 * so /metrics counted it as UNCODED.
 */
export function useCodedRequestErrors(): Plugin {
  const coded =
    (document: DocumentNode, schema: GraphQLSchema, operationName: string | null | undefined) =>
    ({ result, setResult }: { result: ExecutionResult | AsyncIterable<unknown>; setResult: (result: ExecutionResult) => void }) => {
      // Only a request error leaves out `data`: execution errors always come with it.
      if (Symbol.asyncIterator in result || 'data' in result || !result.errors?.length) return;
      setResult({ ...result, errors: result.errors.map((error) => codedRequestError(error, document, schema, operationName)) });
    };
  return {
    onExecute: ({ args }) => ({ onExecuteDone: coded(args.document, args.schema, args.operationName) }),
    onSubscribe: ({ args }) => ({ onSubscribeResult: coded(args.document, args.schema, args.operationName) }),
  };
}

const VARIABLE = /^Variable "\$([_A-Za-z][_0-9A-Za-z]*)"/;

function codedRequestError(error: GraphQLError, document: DocumentNode, schema: GraphQLSchema, operationName: string | null | undefined): GraphQLError {
  if (error.extensions.code) return error;
  const variable = VARIABLE.exec(error.message)?.[1];
  const code: ErrorCode = variable ? 'BAD_USER_INPUT' : 'BAD_REQUEST';
  return new GraphQLError(error.message, {
    nodes: error.nodes,
    source: error.source,
    positions: error.positions,
    originalError: error.originalError,
    extensions: {
      ...error.extensions,
      code,
      ...(variable ? { variable, ...expected(variable, document, schema, operationName) } : {}),
      http: { spec: true, status: 400 },
    },
  });
}

/** The declared type of a variable and, for an enum, the values it takes: what the client needs to fix it. */
function expected(variable: string, document: DocumentNode, schema: GraphQLSchema, operationName: string | null | undefined) {
  const definition = getOperationAST(document, operationName)?.variableDefinitions?.find((d) => d.variable.name.value === variable);
  const type = definition && typeFromAST(schema, definition.type);
  if (!type) return {};
  const named = getNamedType(type);
  return { type: String(type), ...(isEnumType(named) ? { allowedValues: named.getValues().map((value) => value.name) } : {}) };
}
