import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { ConfigError, loadConfig } from '../core/config.js';
import { connect } from '../db/connect.js';
import { applySchema } from '../graph/schema.js';
import { importFiles, ValidationFailed } from '../ingest/index.js';
import { Progress } from './progress.js';

// npm run import -- FILE_OR_DIR...   (JSON and CSV files in the shapes of seed/data, see seed/README.md)
// Validates every item of every file first and writes nothing if any is wrong; otherwise writes
// them all in one transaction of batched UNWIND statements. Importing the same files again changes nothing.

async function expand(args: string[]): Promise<string[]> {
  const files: string[] = [];
  for (const arg of args) {
    const info = await stat(arg).catch(() => null);
    if (!info) throw new Error(`${arg}: no such file or directory`);
    if (!info.isDirectory()) files.push(arg);
    else {
      const names = (await readdir(arg)).filter((name) => /\.(json|csv)$/i.test(name)).sort();
      files.push(...names.map((name) => path.join(arg, name)));
    }
  }
  return files;
}

/** The one folder named on the command line, whose whole tree text files may come from. */
async function importedFolder(args: string[]): Promise<string | undefined> {
  const only = args.length === 1 ? await stat(args[0]!).catch(() => null) : null;
  return only?.isDirectory() ? args[0] : undefined;
}

async function main(args: string[]): Promise<number> {
  if (!args.length) {
    console.error('usage: npm run import -- FILE_OR_DIR...  (JSON or CSV in the shapes of seed/data; see seed/README.md)');
    return 2;
  }
  const files = await expand(args);
  const connection = await connect(loadConfig(), (line) => console.error(line));
  try {
    await applySchema(connection.db);
    let progress: Progress | undefined;
    const { dataset, written } = await importFiles(connection.db, files, {
      textRoot: await importedFolder(args),
      onStart: (rows) => (progress = new Progress('importing', rows)),
      onProgress: (rows) => progress?.add(rows),
    });
    progress?.end();
    const counts = Object.entries(dataset)
      // Attributes (properties of entities defined elsewhere) are named only where a file states some.
      .filter(([kind, items]) => Array.isArray(items) && (kind !== 'attributes' || items.length > 0))
      .map(([kind, items]) => `${(items as unknown[]).length} ${kind}`)
      .join(', ');
    const recorded = written.changeSet
      ? `recorded as ${written.changeSet.id}: ${written.changeSet.added} claim(s) added, ${written.changeSet.changed} changed`
      : 'nothing new: the graph already holds every claim (no change recorded)';
    console.log(`imported ${files.length} file(s): ${counts} (${written.nodes} node and ${written.relationships} relationship upserts); ${recorded}`);
    return 0;
  } finally {
    await connection.close();
  }
}

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  console.error(error instanceof ValidationFailed || error instanceof ConfigError || error instanceof Error ? error.message : error);
  process.exitCode = 1;
}
