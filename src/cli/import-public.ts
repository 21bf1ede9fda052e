import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigError, loadConfig } from '../core/config.js';
import { importPublic } from '../datasets/run.js';
import { reconciliationMarkdown } from '../datasets/report.js';
import { connect } from '../db/connect.js';
import { applySchema } from '../graph/schema.js';
import { ValidationFailed } from '../ingest/index.js';
import { Progress } from './progress.js';

// npm run import:public -- FOLDER_OR_FILE [--dry-run] [--dataset ID] [--report FILE.md]
// Imports the published datasets found in a folder laid out like ../shared/datasets (README,
// "Public datasets"), connecting like `npm run import`. --dry-run reconciles and validates and
// writes nothing; --report writes the reconciliation report as Markdown.

const MAPPING_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../seed/reconciliation');

function option(args: string[], name: string): string | undefined {
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : undefined;
}

async function main(args: string[]): Promise<number> {
  const dryRun = args.includes('--dry-run');
  const dataset = option(args, '--dataset');
  const reportFile = option(args, '--report');
  const target = args.find((arg, i) => !arg.startsWith('--') && !['--dataset', '--report'].includes(args[i - 1] ?? ''));
  if (!target) {
    console.error('usage: npm run import:public -- FOLDER_OR_FILE [--dry-run] [--dataset ID] [--report FILE.md]');
    return 2;
  }
  const connection = await connect(loadConfig(), (line) => console.error(line));
  try {
    await applySchema(connection.db);
    let progress: Progress | undefined;
    const report = await importPublic(connection.db, target, {
      mappingDir: MAPPING_DIR,
      dryRun,
      dataset,
      onFile: (importer, _rows, statements) => {
        progress?.end();
        progress = dryRun ? undefined : new Progress(importer.id, statements);
      },
      onProgress: (rows) => progress?.add(rows),
    });
    progress?.end();
    for (const file of report.files) {
      const what = dryRun
        ? `${file.statements} statements (dry run: nothing written)`
        : `${file.added} added, ${file.changed} changed, ${file.retracted} retracted, ${file.unchanged} unchanged${file.changeSet ? ` (${file.changeSet})` : ''}`;
      console.log(`${file.dataset}: ${file.rows} rows; ${what}; ${file.unlinked} unlinked; ${(file.ms / 1000).toFixed(1)} s`);
    }
    const count = (status: string) => report.names.filter((n) => n.resolution.status === status).length;
    const total = (field: 'rows' | 'added' | 'changed' | 'retracted' | 'unchanged') => report.files.reduce((n, f) => n + f[field], 0);
    const statements = dryRun
      ? `${report.files.reduce((n, f) => n + f.statements, 0)} statements checked, nothing written`
      : `statements ${total('added')} added, ${total('unchanged')} unchanged, ${total('changed')} changed, ${total('retracted')} retracted`;
    console.log(
      `${report.files.length} file(s), ${total('rows')} rows: ${statements}; names ${count('matched')} matched, ${count('new')} new, ${count('ambiguous')} ambiguous; ${(report.ms / 1000).toFixed(1)} s`,
    );
    if (reportFile) await writeFile(reportFile, reconciliationMarkdown(report));
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
