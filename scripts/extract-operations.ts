/**
 * Writes persisted/operations.json, the documents this service's own clients send (sha256 of the
 * exact text → text): the README's graphql blocks, GraphiQL's opening tabs and the explorer's
 * queries. With PERSISTED_OPERATIONS=strict these are the only documents the API runs, so run this
 * after changing any of them (`node --import tsx scripts/extract-operations.ts`; `--check` fails
 * instead of writing when the file is out of date).
 *
 * The explorer's queries are read statically: every `const` whose value is a string or a template
 * whose `${...}` parts are themselves such constants (web/src/lib/fragments.ts), kept when the result
 * parses as a GraphQL document with an operation. A query built any other way is not found, and
 * would be refused in strict mode: the explorer test (test/db/persisted.test.ts) catches that.
 */
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Kind, parse, validate } from 'graphql';
import ts from 'typescript';
import { GRAPHIQL_TABS } from '../src/http/graphiql-tabs.js';
import { MANIFEST_PATH, operationHash } from '../src/http/persisted.js';
import { schema } from '../src/schema/index.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const WEB_SOURCES = path.join(ROOT, 'web/src');

export function readmeDocuments(readme: string): string[] {
  return [...readme.matchAll(/^```graphql\n([\s\S]*?)^```$/gm)].map((match) => match[1]!);
}

async function typescriptFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
    .map((entry) => path.join(entry.parentPath, entry.name))
    .sort();
}

/** Every string the web sources assign to a `const`, with templates resolved through other such constants. */
export async function webStrings(dir: string = WEB_SOURCES): Promise<string[]> {
  const declared = new Map<string, ts.Expression>();
  for (const file of await typescriptFiles(dir)) {
    const source = ts.createSourceFile(file, await readFile(file, 'utf8'), ts.ScriptTarget.ES2022, true);
    const visit = (node: ts.Node): void => {
      if (ts.isVariableDeclarationList(node) && node.flags & ts.NodeFlags.Const) {
        for (const declaration of node.declarations) {
          if (ts.isIdentifier(declaration.name) && declaration.initializer) declared.set(declaration.name.text, declaration.initializer);
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  const evaluate = (expression: ts.Expression, seen: Set<string>): string | null => {
    if (ts.isStringLiteral(expression) || ts.isNoSubstitutionTemplateLiteral(expression)) return expression.text;
    if (ts.isIdentifier(expression)) {
      const value = declared.get(expression.text);
      if (!value || seen.has(expression.text)) return null;
      return evaluate(value, new Set([...seen, expression.text]));
    }
    if (!ts.isTemplateExpression(expression)) return null;
    let text = expression.head.text;
    for (const span of expression.templateSpans) {
      const part = evaluate(span.expression, seen);
      if (part === null) return null;
      text += part + span.literal.text;
    }
    return text;
  };
  return [...declared.values()].map((expression) => evaluate(expression, new Set())).filter((text): text is string => text !== null);
}

function isOperationDocument(text: string): boolean {
  try {
    return parse(text).definitions.some((definition) => definition.kind === Kind.OPERATION_DEFINITION);
  } catch {
    return false;
  }
}

export async function extractOperations(): Promise<Record<string, string>> {
  const documents = [
    ...readmeDocuments(await readFile(path.join(ROOT, 'README.md'), 'utf8')),
    ...GRAPHIQL_TABS.map((tab) => tab.query),
    ...(await webStrings()).filter(isOperationDocument),
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
