import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { usePersistedOperations } from '@graphql-yoga/plugin-persisted-operations';
import type { Plugin } from 'graphql-yoga';

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
 * Requests may name a document of the manifest by its hash (`extensions.persistedQuery.sha256Hash`,
 * Apollo's format) in every mode. With `strict`, a document sent in full runs only if it is in the
 * manifest too, so the explorer and GraphiQL's opening tabs, which send their text, keep working.
 */
export function persistedOperationPlugins(mode: PersistedOperationsMode, manifest: Map<string, string> = loadManifest()): Plugin[] {
  // Whether each request's own document is in the manifest, decided where its body is known.
  const known = new WeakSet<Request>();
  const recognise: Plugin = {
    onParams: ({ params, request }) => {
      if (mode === 'strict' && typeof params.query === 'string' && manifest.has(operationHash(params.query))) known.add(request);
    },
  };
  return [
    recognise,
    usePersistedOperations({
      getPersistedOperation: (hash) => manifest.get(hash) ?? null,
      allowArbitraryOperations: (request) => mode === 'off' || known.has(request),
      customErrors: {
        // Apollo's clients recognise this message and send the document in full (refused in strict mode).
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
