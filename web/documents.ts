/**
 * The explorer's GraphQL documents, read statically from web/src: every `const` whose value is a
 * string or a template whose `${...}` parts are themselves such constants (web/src/lib/fragments.ts),
 * kept when the result parses as a GraphQL document with an operation. A query built any other way
 * is not found: the persisted-operations manifest would miss it (test/db/persisted.test.ts catches
 * that) and it would have no generated type.
 *
 * Read without loading the service, so that the web's types generate even while src/ does not build.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Kind, parse } from 'graphql';
import ts from 'typescript';

const WEB_SOURCES = fileURLToPath(new URL('src/', import.meta.url));

async function typescriptFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
    .map((entry) => path.join(entry.parentPath, entry.name))
    .sort();
}

/** Every string the web sources assign to a `const`, by the constant's name, templates resolved through other such constants. */
export async function webConstants(dir: string = WEB_SOURCES): Promise<Map<string, string>> {
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
  const strings = new Map<string, string>();
  for (const [name, expression] of declared) {
    const text = evaluate(expression, new Set());
    if (text !== null) strings.set(name, text);
  }
  return strings;
}

function isOperationDocument(text: string): boolean {
  try {
    return parse(text).definitions.some((definition) => definition.kind === Kind.OPERATION_DEFINITION);
  } catch {
    return false;
  }
}

/** The explorer's operations, by the name of the constant that holds each. */
export async function webOperations(dir: string = WEB_SOURCES): Promise<Map<string, string>> {
  return new Map([...(await webConstants(dir))].filter(([, text]) => isOperationDocument(text)));
}
