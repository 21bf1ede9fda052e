import { complexityFromQuery } from '@pothos/plugin-complexity';
import { type DocumentNode, type ExecutionResult, type GraphQLSchema, Kind, type OperationDefinitionNode } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { Context } from '../context.js';

/** What `extensions.cost` of an answer says: the price of the operation that ran, and the limits it was held to. */
export interface OperationCost {
  complexity: number;
  complexityLimit: number;
  depth: number;
  depthLimit: number;
}

/**
 * The executed operation alone (with the document's fragments): Pothos prices the first operation
 * of a document, which is not the one that ran when a document holds several and names one.
 */
function executedOnly(document: DocumentNode, operationName: string | null | undefined): DocumentNode | undefined {
  const operations = document.definitions.filter((definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION);
  const operation = operationName ? operations.find((candidate) => candidate.name?.value === operationName) : operations[0];
  if (!operation) return undefined;
  return { kind: Kind.DOCUMENT, definitions: [operation, ...document.definitions.filter((definition) => definition.kind === Kind.FRAGMENT_DEFINITION)] };
}

/**
 * Adds `extensions.cost` to every answer that executed, priced exactly as the complexity check that
 * admitted it (the same schema prices, variables and limits), so a client sees how close a query
 * runs to MAX_QUERY_COMPLEXITY before a larger page is refused. The same price picks the
 * operation's admission lane (src/db/admission.ts) before any resolver sends a statement.
 */
export function useCostReport(schema: GraphQLSchema): Plugin<Context> {
  return {
    onExecute({ args }) {
      const document = executedOnly(args.document, args.operationName);
      if (!document) return;
      const { limits, budget } = args.contextValue as Context;
      let cost: OperationCost;
      try {
        const { complexity, depth } = complexityFromQuery(document, { schema, ctx: args.contextValue, variables: args.variableValues ?? {} });
        cost = { complexity, complexityLimit: limits.maxComplexity, depth, depthLimit: limits.maxDepth };
        if (complexity >= limits.heavyComplexity) budget.lane = 'heavy';
      } catch {
        // Variables that do not coerce: execution answers that with its own error.
        return;
      }
      return {
        onExecuteDone({ result, setResult }) {
          // Incremental (@defer/@stream) answers arrive in parts; only whole answers carry the cost.
          if (Symbol.asyncIterator in result) return;
          const single = result as ExecutionResult;
          setResult({ ...single, extensions: { ...single.extensions, cost } });
        },
      };
    },
  };
}
