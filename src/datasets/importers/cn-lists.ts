import type { PublicImporter } from '../importer.js';
import { slugOf } from '../names.js';
import type { Reconciler } from '../reconcile.js';
import type { Statements } from '../statements.js';
import type { DatasetRow, DatasetTable } from '../table.js';
import { ListedCompanies, dottedDate, listedCompany, namesIn, RowProblems } from './list-rows.js';

/**
 * The lists a Body keeps, by its `Body|List` cells. Both "Decision on Countermeasures…" values
 * are decisions adding to the MFA's countermeasure list, as OpenSanctions reads them (its program
 * CN-CML). A pair not here (the Taiwan Affairs Office's lists, a list published later) is named by
 * its own cells.
 */
const KNOWN_LISTS: Record<string, { key: string; name: string }> = {
  'Ministry of Commerce|UEL': { key: 'cn-unreliable-entity-list', name: 'Unreliable Entity List (MOFCOM)' },
  'Ministry of Commerce|List of Export Controls': { key: 'cn-export-control-list', name: 'Export control list (MOFCOM)' },
  'Ministry of Commerce|Export Control Watch List': { key: 'cn-export-control-watch-list', name: 'Export control watch list (MOFCOM)' },
  'Ministry of Commerce|List of Targets of Countermeasures': { key: 'cn-mofcom-countermeasure-list', name: 'List of targets of countermeasures (MOFCOM)' },
  'Ministry of Foreign Affairs|List of Targets of Countermeasures': { key: 'cn-mfa-countermeasure-list', name: 'List of targets of countermeasures (MFA)' },
  'Ministry of Foreign Affairs|Decision on Countermeasures against U.S. Military-industry Enterprises': {
    key: 'cn-mfa-countermeasure-list',
    name: 'List of targets of countermeasures (MFA)',
  },
  'Ministry of Foreign Affairs|Decision on Countermeasures against U.S. military-industry enterprises and senior managers': {
    key: 'cn-mfa-countermeasure-list',
    name: 'List of targets of countermeasures (MFA)',
  },
  'Ministry of Foreign Affairs|AFSL': {
    key: 'cn-mfa-anti-foreign-sanctions-law-countermeasures',
    name: 'Countermeasures under the Anti-Foreign Sanctions Law (MFA)',
  },
};

function listOf(body: string, list: string): { key: string; name: string } {
  return KNOWN_LISTS[`${body}|${list}`] ?? { key: `cn-${slugOf(`${body} ${list || 'sanctions'}`)}`, name: list || `${body} sanctions (no named list)` };
}

/**
 * China's countermeasure and export-control lists: each list (a Body's `List`) is a Policy issued by
 * that Body, a body of the Chinese state, and each Company row is one it TARGETS from its Date
 * (until its End date), with the row's summary as evidence. Person and Organization rows (members
 * of parliaments, think tanks, NGOs, research institutes) are left out: TARGETS reaches companies,
 * countries, regions and data centers only, and the graph has no kind for an NGO.
 */
const cnSanctions: PublicImporter = {
  id: 'opensanctions-cn-sanctions',
  path: 'opensanctions/datasets/cn/sanctions/sanctions.csv',
  title: "China's sanctions, countermeasure and export-control lists (OpenSanctions research dataset)",
  publisher: 'OpenSanctions',
  url: 'https://www.opensanctions.org/datasets/cn_sanctions/',
  license: 'CC BY-NC 4.0 (OpenSanctions; transcription of Chinese government notices)',
  columns: ['Type', 'QID', 'Name', 'Alias', 'Chinese name', 'Summary', 'Chinese summary', 'Body', 'List', 'Date', 'End date'],
  build(table: DatasetTable, out: Statements, reconciler: Reconciler) {
    const listed = table.rows.filter((row) => row.cells.Type === 'Company');
    const companies = new ListedCompanies(reconciler);
    for (const row of listed) {
      const resolution = reconciler.resolve(out.dataset, row.cells.Name!, ['Company']);
      if (resolution.status !== 'ambiguous') companies.claim(resolution.key, namesIn(row.cells.Alias, /;/));
    }
    const problems = new RowProblems(table);
    for (const row of listed) {
      const name = row.cells.Name!;
      const since = problems.date(row, 'Date', dottedDate, name);
      const until = problems.date(row, 'End date', dottedDate, name);
      // A row no body has announced cannot be put on any of its lists.
      const policy = row.cells.Body ? designationList(out, row, row.cells.Body, row.cells.List ?? '') : null;
      if (!policy) {
        out.unlinked++;
        continue;
      }
      const stated = { nameZh: row.cells['Chinese name'], identifiers: row.cells.QID ? [{ scheme: 'WIKIDATA', value: row.cells.QID }] : undefined };
      const company = listedCompany(out, reconciler, companies, row, name, stated, row.cells.Summary);
      const evidence = row.cells.Summary || row.cells['Chinese summary'];
      out.link(row, name, 'TARGETS', policy, company, { since, until }, evidence ? { evidence } : {});
    }
    problems.throwIfAny();
  },
};

/** The Policy a row's list is, defined (with its issuer, a body of China) by the first row on it. */
function designationList(out: Statements, row: DatasetRow, body: string, list: string): string {
  const { key, name } = listOf(body, list);
  out.entity(row, name, { key, label: 'Policy', name, kind: 'DESIGNATION_LIST', status: 'IN_FORCE' });
  const issuer = out.ref(row, body, ['Organization'], () => ({ kind: 'GOVERNMENT_AGENCY' }));
  out.link(row, name, 'ISSUED_BY', key, issuer);
  out.link(row, body, 'HEADQUARTERED_IN', issuer, 'china', {}, { note: 'A Body of the Chinese government lists (cn/sanctions): a body of the Chinese state.' });
  return key;
}

export const CN_LIST_IMPORTERS: PublicImporter[] = [cnSanctions];
