import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { usePersistedOperations } from '@graphql-yoga/plugin-persisted-operations';
import { createGraphQLError, type Plugin } from 'graphql-yoga';

/** Written by scripts/extract-operations.ts: sha256 of a document's exact text → the text. */
export const MANIFEST_PATH = fileURLToPath(new URL('../../persisted/operations.json', import.meta.url));

export type PersistedOperationsMode = 'off' | 'strict';

export function operationHash(document: string): string {
  return createHash('sha256').update(document).digest('hex');
}

export function loadManifest(file: string = MANIFEST_PATH): Map<string, string> {
  const entries = Object.entries(JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>);
  // A hand-edited entry whose key is not its text's hash would never match what a client sends.
  for (const [hash, document] of entries) {
    if (operationHash(document) !== hash) throw new Error(`${file}: the entry ${hash} is not the sha256 of its document; regenerate the file`);
  }
  return new Map(entries);
}

/**
 * How many documents automatic persisted queries remember, least recently used forgotten first: a
 * client whose document was forgotten gets PERSISTED_QUERY_NOT_FOUND and sends it again, as the
 * protocol expects, so the bound only costs a round trip and keeps clients from filling memory.
 */
export const REGISTERED_OPERATIONS_LIMIT = 1_000;

/** Documents registered by clients (automatic persisted queries), by hash, least recently used first. */
export class RegisteredOperations {
  private readonly documents = new Map<string, string>();

  constructor(private readonly limit: number = REGISTERED_OPERATIONS_LIMIT) {}

  get(hash: string): string | undefined {
    const document = this.documents.get(hash);
    if (document === undefined) return undefined;
    this.documents.delete(hash);
    this.documents.set(hash, document);
    return document;
  }

  register(hash: string, document: string): void {
    this.documents.delete(hash);
    this.documents.set(hash, document);
    if (this.documents.size > this.limit) this.documents.delete(this.documents.keys().next().value!);
  }

  get size(): number {
    return this.documents.size;
  }
}

/** Apollo's `extensions.persistedQuery.sha256Hash` of version 1, if the request has one. */
function requestedHash(extensions: Record<string, unknown> | undefined): string | undefined {
  const persisted = extensions?.persistedQuery as { version?: unknown; sha256Hash?: unknown } | undefined;
  return persisted?.version === 1 && typeof persisted.sha256Hash === 'string' ? persisted.sha256Hash : undefined;
}

/**
 * Requests may name a document of the manifest by its hash (`extensions.persistedQuery.sha256Hash`,
 * Apollo's format) in every mode. With `strict`, a document sent in full runs only if it is in the
 * manifest too, so the explorer and GraphiQL's opening tabs, which send their text, keep working.
 * With `off`, a document sent with its hash is also registered once it runs (automatic persisted
 * queries, as Apollo's link sends them), so that later requests may send the hash alone; a hash
 * that is not the sha256 of the document is refused rather than registered.
 */
export function persistedOperationPlugins(
  mode: PersistedOperationsMode,
  manifest: Map<string, string> = loadManifest(),
  registered: RegisteredOperations = new RegisteredOperations(),
): Plugin[] {
  // Whether each request's own document is in the manifest, decided where its body is known.
  const known = new WeakSet<Request>();
  // Documents sent with their (verified) hash, registered only once they pass validation and run.
  const toRegister = new WeakMap<Request, { hash: string; document: string }>();
  const recognise: Plugin = {
    onParams: ({ params, request }) => {
      if (typeof params.query !== 'string') return;
      if (mode === 'strict') {
        if (manifest.has(operationHash(params.query))) known.add(request);
        return;
      }
      const hash = requestedHash(params.extensions);
      if (hash === undefined) return;
      const actual = operationHash(params.query);
      if (hash !== actual) {
        throw createGraphQLError(
          `extensions.persistedQuery.sha256Hash "${hash.slice(0, 100)}" is not the sha256 of the query sent with it (that is "${actual}"); hash the exact text of the query, as UTF-8, in lowercase hex.`,
          { extensions: { code: 'PERSISTED_QUERY_HASH_MISMATCH', sha256Hash: hash.slice(0, 100), expected: actual, http: { status: 400 } } },
        );
      }
      if (!manifest.has(hash)) toRegister.set(request, { hash, document: params.query });
    },
    onExecute: ({ args }) => {
      const request = (args.contextValue as { request?: Request }).request;
      const pending = request && toRegister.get(request);
      if (pending) registered.register(pending.hash, pending.document);
    },
  };
  return [
    recognise,
    usePersistedOperations({
      getPersistedOperation: (hash) => manifest.get(hash) ?? (mode === 'off' ? registered.get(hash) : undefined) ?? null,
      allowArbitraryOperations: (request) => mode === 'off' || known.has(request),
      customErrors: {
        // Apollo's clients recognise this message and send the document in full, which registers it
        // (refused in strict mode).
        notFound: { message: 'PersistedQueryNotFound', extensions: { code: 'PERSISTED_QUERY_NOT_FOUND', http: { status: 400 } } },
        persistedQueryOnly: {
          message: 'Only the persisted operations run here (PERSISTED_OPERATIONS=strict); send one by its sha256Hash (see persisted/operations.json).',
          extensions: { code: 'PERSISTED_QUERY_REQUIRED', http: { status: 400 } },
        },
        // Neither a document nor a hash: the answer GraphQL-over-HTTP gives without the plugin.
        keyNotFound: { message: 'Must provide query string.', extensions: { code: 'BAD_REQUEST', http: { status: 400 } } },
      },
    }),
  ];
}
