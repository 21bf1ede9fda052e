import type { PublicImporter } from '../importer.js';
import type { Statements } from '../statements.js';
import type { DatasetRow, DatasetTable } from '../table.js';

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

export const US_LIST_IMPORTERS: PublicImporter[] = [
  ndaaSection('889', 'NDAA FY2019 Section 889 (telecommunications and video surveillance equipment)'),
  ndaaSection('5949', 'NDAA FY2023 Section 5949 (semiconductor products and services)'),
];
