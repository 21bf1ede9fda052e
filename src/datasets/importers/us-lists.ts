import type { PublicImporter } from '../importer.js';
import type { Reconciler } from '../reconcile.js';
import type { Statements } from '../statements.js';
import type { DatasetRow, DatasetTable } from '../table.js';
import { ListedCompanies, isoDate, listedCompany, longUsDate, namesIn, RowProblems } from './list-rows.js';

const OPENSANCTIONS_US = 'US government text (public domain), transcribed by OpenSanctions';

/**
 * A designation list of the NDAA (`special_leg/source_files/section_*.csv`): the list is a Policy of
 * kind DESIGNATION_LIST issued by Congress, and each row's company is one it TARGETS, with the
 * program cell as evidence. The file gives no dates, so the links carry none.
 */
function ndaaSection(section: '889' | '5949', title: string): PublicImporter {
  const policy = `ndaa-section-${section}`;
  return {
    id: `opensanctions-us-ndaa-${section}`,
    path: `opensanctions/datasets/us/special_leg/source_files/section_${section}.csv`,
    title: `NDAA Section ${section} prohibited companies (OpenSanctions transcription of US law)`,
    publisher: 'OpenSanctions',
    url: 'https://www.opensanctions.org/datasets/us_special_leg/',
    license: OPENSANCTIONS_US,
    columns: ['schema', 'name', 'aliases', 'program', 'authority', 'source_url'],
    build(table: DatasetTable, out: Statements) {
      const first = table.rows[0];
      if (!first) return;
      const congress = out.ref(first, first.cells.authority!, ['Organization'], () => ({ kind: 'GOVERNMENT' }), { evidence: first.cells.authority });
      out.entity(
        first,
        title,
        { key: policy, label: 'Policy', name: title, kind: 'DESIGNATION_LIST', status: 'IN_FORCE', description: first.cells.program },
        { evidence: first.cells.program },
      );
      out.link(first, title, 'ISSUED_BY', policy, congress, {}, { evidence: first.cells.program });
      for (const row of table.rows) designate(out, row, policy);
    },
  };
}

function designate(out: Statements, row: DatasetRow, policy: string): void {
  const name = row.cells.name!;
  const aliases = (row.cells.aliases ?? '')
    .split(/[;|]/)
    .map((a) => a.trim())
    .filter(Boolean);
  const company = out.ref(row, name, ['Company'], () => ({ kind: 'UNSTATED', aliases }));
  out.link(row, name, 'TARGETS', policy, company);
}

const DOD_1260H = 'dod-1260h-list';
const DOD_1260H_TITLE = 'DoD Section 1260H list of Chinese military companies';

const companyName = (row: DatasetRow) => row.cells['Clean Name'] || row.cells.Name!;
const otherNames = (row: DatasetRow) => [...namesIn(row.cells.Alias, /,/), ...namesIn(row.cells['Previous Name'], /,/)];

/**
 * The DoD's Section 1260H list, every edition, one row per company per edition: a company listed
 * in an edition is TARGETS since that edition (until its removal, the End date). Rows of one company
 * with the same start are one designation (the first row is kept, as Statements keeps the first
 * link); a later start is a new link, so a re-listing after a removal is a designation of its own.
 */
const dod1260h: PublicImporter = {
  id: 'opensanctions-us-dod-1260h',
  path: 'opensanctions/datasets/us/dod_chinese_milcorps/sanctions.csv',
  title: 'DoD Section 1260H list of Chinese military companies, every edition (OpenSanctions transcription)',
  publisher: 'OpenSanctions',
  url: 'https://www.opensanctions.org/datasets/us_dod_chinese_milcorps/',
  license: 'CC BY-NC 4.0 (OpenSanctions; transcription of the US Department of Defense list)',
  columns: ['Name', 'Clean Name', 'Alias', 'Previous Name', 'Parent Name', 'Note', 'Start date', 'End date', 'Source Url'],
  build(table: DatasetTable, out: Statements, reconciler: Reconciler) {
    const first = table.rows[0];
    if (!first) return;
    // Every company's names first, so that an alias is weighed against all the file's companies.
    const companies = new ListedCompanies(reconciler);
    for (const row of table.rows) {
      const resolution = reconciler.resolve(out.dataset, companyName(row), ['Company']);
      if (resolution.status !== 'ambiguous') companies.claim(resolution.key, otherNames(row));
    }
    // The file names no issuer: the DoD is known from the dataset, and its PDF's address says so.
    const published = table.rows.find((row) => row.cells['Source Url']) ?? first;
    const said = { evidence: published.cells['Source Url'] || published.raw };
    const dod = out.ref(published, 'US Department of Defense', ['Organization'], () => ({ kind: 'GOVERNMENT_AGENCY' }), said);
    out.entity(published, DOD_1260H_TITLE, { key: DOD_1260H, label: 'Policy', name: DOD_1260H_TITLE, kind: 'DESIGNATION_LIST', status: 'IN_FORCE' }, said);
    out.link(published, DOD_1260H_TITLE, 'ISSUED_BY', DOD_1260H, dod, {}, said);
    const problems = new RowProblems(table);
    for (const row of table.rows) {
      const name = companyName(row);
      const since = problems.date(row, 'Start date', isoDate, name);
      const until = problems.date(row, 'End date', isoDate, name);
      const company = listedCompany(out, reconciler, companies, row, name);
      out.link(row, name, 'TARGETS', DOD_1260H, company, { since, until }, row.cells.Note ? { evidence: row.cells.Note } : {});
      const parentName = row.cells['Parent Name'];
      const parent = parentName ? out.ref(row, parentName, ['Company'], () => ({ kind: 'UNSTATED' })) : null;
      // A parent that resolves to the company itself is two names the normaliser merged: a decision for the table.
      if (parent && parent === company) out.unlinked++;
      else out.link(row, name, 'SUBSIDIARY_OF', company, parent);
    }
    problems.throwIfAny();
  },
};

const FCC_COVERED_LIST = 'fcc-covered-list';
const FCC_TITLE = 'FCC Covered List';
/**
 * The companies the FCC's sentences name, as they name them: reviewed against every sentence of
 * the list (2026-07 edition). A sentence naming a provider not here is counted as unlinked, not guessed.
 */
const FCC_COMPANIES = [
  'Huawei Technologies Company',
  'ZTE Corporation',
  'Hytera Communications Corporation',
  'Hangzhou Hikvision Digital Technology Company',
  'Dahua Technology Company',
  'AO Kaspersky Lab',
  'Kaspersky Lab, Inc.',
  'China Mobile International USA Inc.',
  'China Telecom (Americas) Corp.',
  'Pacific Networks Corp',
  'ComNet (USA) LLC',
  'China Unicom (Americas) Operations Limited',
  'Digitalsystem Technology Inc.',
];
const NAMES_A_PROVIDER = /\b(?:produced|provided|supplied)(?:, directly or indirectly,)? by [A-Z]/;

/**
 * The FCC Covered List: each sentence covers equipment or services of a company it names, since
 * the date of inclusion; the sentence is the evidence. Sentences covering a kind of equipment
 * wherever it is made (routers, drones, inverters) name no company and target none.
 */
const fccCoveredList: PublicImporter = {
  id: 'opensanctions-us-fcc-covered-list',
  path: 'opensanctions/datasets/us/fcc_covered_list/table.csv',
  title: 'FCC Covered List of communications equipment and services (OpenSanctions transcription)',
  publisher: 'OpenSanctions',
  url: 'https://www.opensanctions.org/datasets/us_fcc_covered_list/',
  license: OPENSANCTIONS_US,
  columns: ['covered_equipment_or_services', 'date_of_inclusion_on_covered_list'],
  build(table: DatasetTable, out: Statements) {
    const first = table.rows[0];
    if (!first) return;
    const fcc = out.ref(first, 'Federal Communications Commission', ['Organization'], () => ({ kind: 'GOVERNMENT_AGENCY' }));
    out.entity(first, FCC_TITLE, { key: FCC_COVERED_LIST, label: 'Policy', name: FCC_TITLE, kind: 'DESIGNATION_LIST', status: 'IN_FORCE' });
    out.link(first, FCC_TITLE, 'ISSUED_BY', FCC_COVERED_LIST, fcc);
    const problems = new RowProblems(table);
    for (const row of table.rows) {
      const sentence = row.cells.covered_equipment_or_services!;
      const named = FCC_COMPANIES.filter((name) => sentence.includes(name));
      if (!named.length) {
        if (NAMES_A_PROVIDER.test(sentence)) out.unlinked++;
        continue;
      }
      const said = { evidence: sentence };
      const since = problems.date(row, 'date_of_inclusion_on_covered_list', longUsDate, named[0]!);
      const keys = named.map((name) => [name, out.ref(row, name, ['Company'], () => ({ kind: 'UNSTATED' }), said)] as const);
      for (const [name, key] of keys) out.link(row, name, 'TARGETS', FCC_COVERED_LIST, key, { since }, said);
      for (const [parent, parentKey] of keys) {
        for (const [name, key] of keys) {
          if (sentence.includes(`${parent} and its wholly-owned subsidiary ${name}`)) out.link(row, name, 'SUBSIDIARY_OF', key, parentKey, {}, said);
        }
      }
    }
    problems.throwIfAny();
  },
};

export const US_LIST_IMPORTERS: PublicImporter[] = [
  ndaaSection('889', 'NDAA FY2019 Section 889 (telecommunications and video surveillance equipment)'),
  ndaaSection('5949', 'NDAA FY2023 Section 5949 (semiconductor products and services)'),
  dod1260h,
  fccCoveredList,
];
