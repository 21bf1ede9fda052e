import { GraphQLError } from 'graphql';

/** Error codes clients can act on; everything else reaches them masked. */
export type ErrorCode =
  | 'BAD_USER_INPUT'
  // The HTTP request is not one GraphQL request this service runs (Yoga's code: bad JSON, a batch...).
  | 'BAD_REQUEST'
  | 'OPERATION_RESOLUTION_FAILURE'
  | 'NOT_FOUND'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'QUERY_TOO_COMPLEX'
  | 'DATABASE_UNAVAILABLE'
  | 'QUERY_TIMEOUT'
  | 'PAYLOAD_TOO_LARGE'
  | 'BAD_CONSISTENCY_TOKEN'
  | 'CONSISTENCY_TIMEOUT'
  | 'TOO_MANY_SUBSCRIPTIONS';

export function clientError(code: ErrorCode, message: string, extensions: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { code, ...extensions } });
}

export function badInput(argument: string, message: string): GraphQLError {
  return clientError('BAD_USER_INPUT', `Argument "${argument}" ${message}`, { argument });
}
