/**
 * Writes persisted/operations.json, the documents this service's own clients send (sha256 of the
 * exact text → text): the README's graphql blocks, GraphiQL's opening tabs and the explorer's
 * queries. With PERSISTED_OPERATIONS=strict these are the only documents the API runs, so run this
 * after changing any of them (`node --import tsx scripts/extract-operations.ts`; `--check` fails
 * instead of writing when the file is out of date).
 *
 * The explorer's queries are read statically by web/documents.ts.
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse, validate } from 'graphql';
import { GRAPHIQL_TABS } from '../src/http/graphiql-tabs.js';
import { MANIFEST_PATH, operationHash } from '../src/http/persisted.js';
import { schema } from '../src/schema/index.js';
import { webConstants, webOperations } from '../web/documents.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export function readmeDocuments(readme: string): string[] {
  return [...readme.matchAll(/^```graphql\n([\s\S]*?)^```$/gm)].map((match) => match[1]!);
}

/** Every string the web sources assign to a `const` (web/documents.ts). */
export async function webStrings(): Promise<string[]> {
  return [...(await webConstants()).values()];
}

export async function extractOperations(): Promise<Record<string, string>> {
  const documents = [
    ...readmeDocuments(await readFile(path.join(ROOT, 'README.md'), 'utf8')),
    ...GRAPHIQL_TABS.map((tab) => tab.query),
    ...(await webOperations()).values(),
  ];
  const manifest: Record<string, string> = {};
  for (const document of documents) {
    // A document the schema refuses would be persisted only to fail: better to fail here.
    const problems = validate(schema, parse(document));
    if (problems.length) throw new Error(`Not a valid operation for this schema (${problems[0]!.message}):\n${document}`);
    manifest[operationHash(document)] = document;
  }
  return Object.fromEntries(Object.entries(manifest).sort(([a], [b]) => a.localeCompare(b)));
}

async function main(): Promise<void> {
  const text = `${JSON.stringify(await extractOperations(), null, 2)}\n`;
  if (process.argv.includes('--check')) {
    const current = await readFile(MANIFEST_PATH, 'utf8').catch(() => '');
    if (current !== text) throw new Error(`${path.relative(ROOT, MANIFEST_PATH)} is out of date: run scripts/extract-operations.ts`);
    return;
  }
  await writeFile(MANIFEST_PATH, text);
  console.log(`${Object.keys(JSON.parse(text) as object).length} operations written to ${path.relative(ROOT, MANIFEST_PATH)}`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
