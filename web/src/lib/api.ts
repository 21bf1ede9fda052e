/**
 * A failure to show the reader: its GraphQL error code (or NETWORK / HTTP / NOT_FOUND) and message,
 * and for an input that names nothing, the argument and the closest values the service suggests.
 */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly code: string,
    readonly argument: string | null = null,
    readonly suggestions: readonly string[] = [],
  ) {
    super(message);
  }
}

interface GraphQLError {
  message: string;
  extensions?: { code?: string; argument?: string; suggestions?: string[] };
}

interface GraphQLBody<T> {
  data?: T | null;
  errors?: GraphQLError[];
}

export interface GqlOptions {
  /** The query's root lookups may name nothing: their null (beside NOT_FOUND) is then the answer, not a failure. */
  lookups?: boolean;
}

/** One request to the public GraphQL API; any error in the answer rejects with the first one. */
export async function gql<T>(query: string, variables: Record<string, unknown> = {}, options: GqlOptions = {}): Promise<T> {
  let response: Response;
  try {
    response = await fetch('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json' },
      body: JSON.stringify({ query, variables }),
    });
  } catch {
    throw new ApiError('The service does not answer; is it running?', 'NETWORK');
  }
  const body = (await response.json().catch(() => null)) as GraphQLBody<T> | null;
  const errors = (body?.errors ?? []).filter((error) => !(options.lookups && body?.data && error.extensions?.code === 'NOT_FOUND'));
  const first = errors[0];
  if (first) throw new ApiError(first.message, first.extensions?.code ?? 'ERROR', first.extensions?.argument ?? null, first.extensions?.suggestions ?? []);
  if (!response.ok || !body?.data) throw new ApiError(`The service answered HTTP ${response.status}.`, 'HTTP');
  return body.data;
}
