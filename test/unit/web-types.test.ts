import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { build } from 'esbuild';
import { parse, type OperationDefinitionNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { GENERATED_FILE, generateWebTypes } from '../../web/codegen.js';
import { webOperations } from '../../web/documents.js';

const ROOT = new URL('../../', import.meta.url).pathname;
const WEB_SOURCES = path.join(ROOT, 'web/src');

async function webSources(): Promise<string> {
  const entries = await readdir(WEB_SOURCES, { recursive: true, withFileTypes: true });
  const files = entries.filter((entry) => entry.isFile() && entry.name.endsWith('.ts')).map((entry) => path.join(entry.parentPath, entry.name));
  return (await Promise.all(files.map((file) => readFile(file, 'utf8')))).join('\n');
}

describe("the explorer's answer types", () => {
  it('are what web/codegen.ts generates from schema/schema.graphql now (run `npm run web:types` after changing a query or the schema)', async () => {
    expect(await readFile(GENERATED_FILE, 'utf8')).toBe(await generateWebTypes());
  }, 30_000);

  it('type every request by the generated type of the operation it sends', async () => {
    const operations = await webOperations();
    const sources = await webSources();
    const calls = [...sources.matchAll(/(?<!function )\bgql<(\w+)>\((\w+)/g)];
    // Any other call (untyped, or typed by hand) would be missing from the matches.
    expect(calls.length).toBe((sources.match(/(?<!function )\bgql(<[^(]*>)?\(/g) ?? []).length);
    for (const [, type, constant] of calls) {
      const document = operations.get(constant!);
      expect(document, `${constant} is not an operation the explorer's sources declare`).toBeDefined();
      const operation = parse(document!).definitions[0] as OperationDefinitionNode;
      expect(type).toBe(`${operation.name?.value}Query`);
    }
    expect(new Set(calls.map(([, , constant]) => constant))).toEqual(new Set(operations.keys()));
  });
});

describe("the explorer's bundle", () => {
  it("takes from the service only its enums, canonical JSON, text cleaning and graph-file writers, modules that import nothing (so nothing of Node's follows)", async () => {
    const result = await build({
      entryPoints: [path.join(WEB_SOURCES, 'main.ts'), path.join(WEB_SOURCES, 'graphiql/start.ts')],
      bundle: true,
      write: false,
      metafile: true,
      absWorkingDir: ROOT,
      outdir: 'unused',
      logLevel: 'silent',
    });
    const service = Object.keys(result.metafile.inputs).filter((input) => input.startsWith('src/'));
    expect(service.sort()).toEqual(['src/core/canonical-json.ts', 'src/core/model.ts', 'src/export/graph-files.ts', 'src/text/normalize.ts']);
    for (const input of service) expect(result.metafile.inputs[input]!.imports).toEqual([]);
  });
});
