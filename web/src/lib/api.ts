/** A failure to show the reader: its GraphQL error code (or NETWORK / HTTP / NOT_FOUND) and message. */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
  }
}

interface GraphQLBody<T> {
  data?: T | null;
  errors?: { message: string; extensions?: { code?: string } }[];
}

/** One request to the public GraphQL API; any error in the answer rejects with the first one. */
export async function gql<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
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
  const first = body?.errors?.[0];
  if (first) throw new ApiError(first.message, first.extensions?.code ?? 'ERROR');
  if (!response.ok || !body?.data) throw new ApiError(`The service answered HTTP ${response.status}.`, 'HTTP');
  return body.data;
}
