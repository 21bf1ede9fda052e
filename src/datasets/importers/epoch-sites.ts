import { statSync } from 'node:fs';
import type { PublicImporter } from '../importer.js';
import type { Reconciler } from '../reconcile.js';
import type { Statements } from '../statements.js';
import type { DatasetRow, DatasetTable } from '../table.js';
import { decimalDegrees, numberCell, recordText, taggedNames } from './epoch-cells.js';
import { company } from './epoch-clusters.js';

const SITES = 'epoch-frontier-data-centers';
const TIMELINES = 'epoch-frontier-data-center-timelines';
const EPOCH = {
  publisher: 'Epoch AI',
  authors: ['Epoch AI'],
  url: 'https://epoch.ai/data/data-centers',
  license: 'CC BY 4.0',
};
/** The figures both files give, by their columns in each. */
const FIGURES = [
  { metric: 'DATA_CENTER_CAPACITY', unit: 'MEGAWATT', site: 'Current power (MW)', timeline: 'Power (MW)', note: '' },
  { metric: 'H100_EQUIVALENTS', unit: 'UNITS', site: 'Current H100 equivalents', timeline: 'H100 equivalents', note: '' },
  {
    metric: 'CAPITAL_COST',
    unit: 'USD_BILLION',
    site: 'Current total capital cost (2025 USD billions)',
    timeline: 'Total capital cost (2025 USD billions)',
    note: ' In 2025 US dollars.',
  },
] as const;

/**
 * Epoch AI's frontier data centers (`data_centers.csv`): each row is a campus, a DataCenter of
 * kind SITE with its address and decimal coordinates, its owners, users and investors (each with
 * Epoch's #confident/#likely/#speculative as the link's confidence), its project and its current
 * figures. A site the graph already has (the article's Colossus) gains the row's address and
 * coordinates as this file's statement beside the article's.
 */
function buildSites(table: DatasetTable, out: Statements, reconciler: Reconciler): void {
  const sitesOf = new Map<string, number>();
  for (const row of table.rows) {
    const project = taggedNames(row.cells.Project)[0]?.name;
    if (project) sitesOf.set(project, (sitesOf.get(project) ?? 0) + 1);
  }
  for (const row of table.rows) {
    const handle = row.cells.Handle!.trim();
    const title = row.cells.Title?.trim() || handle;
    const evidence = { evidence: recordText(row, row.cells.Address) };
    const project = taggedNames(row.cells.Project)[0];
    // A project of this site alone that its title names (Meta Hyperion's Hyperion) is a name of the site, not a program.
    const ownName = project && sitesOf.get(project.name) === 1 && title.includes(project.name) ? project.name : null;
    const place = {
      address: row.cells.Address?.replace(/\s+/g, ' ').trim(),
      latitude: decimalDegrees(row.cells.Latitude),
      longitude: decimalDegrees(row.cells.Longitude),
    };
    const existing = reconciler.resolve(out.dataset, handle, ['DataCenter']).status === 'matched';
    const site = out.ref(
      row,
      handle,
      ['DataCenter'],
      () => ({
        name: title,
        aliases: [handle, ownName].filter(Boolean),
        kind: 'SITE',
        // The file has no status: a site with current power operates, one without is being built.
        status: (numberCell(row.cells['Current power (MW)']) ?? 0) > 0 ? 'OPERATING' : 'UNDER_CONSTRUCTION',
        ...place,
      }),
      evidence,
    );
    if (!site) continue;
    if (existing) out.attributes(row, handle, site, 'DataCenter', { ...place, aliases: [title, ownName].filter(Boolean) }, evidence);
    parties(out, row, handle, site);
    if (project && !ownName) {
      const said = { evidence: row.cells.Project!.trim(), confidence: project.confidence };
      // The row names the program only: that it was announced is all a name in Epoch's file implies.
      const program = out.ref(row, project.name, ['Policy'], () => ({ kind: 'INVESTMENT_PROGRAM', status: 'ANNOUNCED' }), said);
      out.link(row, handle, 'IN_PROJECT', site, program, {}, said);
    }
    for (const { metric, unit, site: column, note } of FIGURES) {
      const stated = row.cells[column]?.trim() ?? '';
      const value = numberCell(stated);
      if (value === null) continue;
      const said = { evidence: recordText(row, stated), note: `Epoch's current figure (${column}); the file does not date it.${note}` };
      out.figure(row, handle, { subject: site, metric, value, unit, stated }, said);
    }
  }
}

/** Owners operate the site, users use it, investors invest in it: each as sure as Epoch's tag says. */
function parties(out: Statements, row: DatasetRow, handle: string, site: string): void {
  const roles = [
    ['Owner', 'OPERATES'],
    ['Users', 'USES'],
    ['Investors', 'INVESTS_IN'],
  ] as const;
  for (const [column, type] of roles) {
    const cell = row.cells[column]?.trim();
    for (const { name, confidence } of taggedNames(cell)) {
      const said = { evidence: cell, confidence };
      const want = type === 'INVESTS_IN' ? (['Company', 'Organization'] as const) : (['Company', 'CompanyGroup'] as const);
      out.link(row, handle, type, out.ref(row, name, want, company, said), site, {}, said);
    }
  }
}

/**
 * The sites' dated milestones (`data_center_timelines.csv`): power, H100 equivalents and capital
 * cost at each date, with the row's Construction status sentence as evidence beside its record.
 * Dates after the file was retrieved are Epoch's projections and say so.
 */
function buildTimelines(table: DatasetTable, out: Statements, reconciler: Reconciler): void {
  const retrieved = statSync(table.file).mtime.toISOString().slice(0, 10);
  for (const row of table.rows) {
    const handle = row.cells['Data center']!.trim();
    // A milestone of a site neither file defines is left out: the timeline alone does not say what the site is.
    if (reconciler.resolve(out.dataset, handle, ['DataCenter']).status !== 'matched') {
      out.unlinked++;
      continue;
    }
    const site = out.ref(row, handle, ['DataCenter'], () => ({}));
    const date = row.cells.Date!.trim();
    const sentence = row.cells['Construction status']?.trim();
    const projection = date > retrieved ? ` A projection: the date is after the file was retrieved (${retrieved}).` : '';
    for (const { metric, unit, timeline: column, note } of FIGURES) {
      const stated = row.cells[column]?.trim() ?? '';
      const value = numberCell(stated);
      if (value === null) continue;
      const record = recordText(row, stated);
      const said = { evidence: sentence ? [sentence, record] : record, note: `${column} at ${date}.${note}${projection}` };
      out.figure(row, handle, { subject: site, metric, value, unit, stated, date }, said);
    }
  }
}

export const SITE_IMPORTERS: PublicImporter[] = [
  {
    id: SITES,
    path: 'epoch/data_centers/data_centers.csv',
    title: 'Data on Frontier AI Data Centers',
    ...EPOCH,
    columns: ['Handle', 'Title', 'Project', 'Address', 'Latitude', 'Longitude', 'Owner', 'Users', 'Investors', ...FIGURES.map((f) => f.site)],
    build: buildSites,
  },
  {
    id: TIMELINES,
    path: 'epoch/data_centers/data_center_timelines.csv',
    title: 'Data on Frontier AI Data Centers: timelines',
    ...EPOCH,
    columns: ['Date', 'Data center', 'Construction status', ...FIGURES.map((f) => f.timeline)],
    after: [SITES],
    build: buildTimelines,
  },
];
