import type { PublicImportReport } from './run.js';

/** The reconciliation report: per dataset, names matched, new and ambiguous; every decision of the reviewed table and every name left unlinked. */
export function reconciliationMarkdown(report: PublicImportReport): string {
  const datasets = [...new Set(report.names.map((n) => n.dataset))];
  const lines = [
    '| dataset | names | matched | new | ambiguous (unlinked) | decided by the table |',
    '|---|---:|---:|---:|---:|---:|',
    ...datasets.map((dataset) => {
      const names = report.names.filter((n) => n.dataset === dataset);
      const count = (status: string) => names.filter((n) => n.resolution.status === status).length;
      return `| ${dataset} | ${names.length} | ${count('matched')} | ${count('new')} | ${count('ambiguous')} | ${names.filter((n) => n.resolution.by === 'table').length} |`;
    }),
  ];
  const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\s+/g, ' ');
  const ambiguous = report.names.filter((n) => n.resolution.status === 'ambiguous');
  const decided = report.names.filter((n) => n.resolution.by === 'table');
  return [
    '# Reconciliation report',
    '',
    `How the names of ${report.files.length} dataset files were matched to atlas keys${report.dryRun ? ' (a dry run: nothing written)' : ''}. Written by`,
    '`npm run import:public -- FOLDER --dry-run --report FILE` (README, "Public datasets"); the reviewed decisions and their',
    'reasons are the rows of `seed/reconciliation/*.tsv`. "New" names become entities with the keys shown in the graph;',
    'ambiguous ones are left unlinked: the statements that need them are not written.',
    '',
    ...lines,
    '',
    '### Ambiguous names (left unlinked)',
    '',
    ambiguous.length ? '| dataset | name | could be | decision |\n|---|---|---|---|' : 'None.',
    ...ambiguous.map(
      (n) =>
        `| ${n.dataset} | ${cell(n.name)} | ${n.resolution.status === 'ambiguous' ? n.resolution.candidates.join(', ') || '—' : ''} | ${cell(n.reason ?? 'several entities have this name: not guessed')} |`,
    ),
    '',
    '### Names decided by the reviewed table (`seed/reconciliation/`)',
    '',
    decided.length ? '| dataset | name | key | decision |\n|---|---|---|---|' : 'None.',
    ...decided.map(
      (n) =>
        `| ${n.dataset} | ${cell(n.name)} | ${n.resolution.status === 'ambiguous' ? '(unlinked)' : `\`${n.resolution.key}\` (${n.resolution.status})`} | ${cell(n.reason ?? '')} |`,
    ),
    '',
  ].join('\n');
}
