import type { CaseKeys } from './keys.js';
import type { BenchCase } from './cases/bench-case.js';
import { companiesCase } from './cases/companies.js';
import { exposureCase } from './cases/exposure.js';
import { neighborhoodCase, pathsCase } from './cases/paths.js';
import { searchCase } from './cases/search.js';
import { totalsCase } from './cases/totals.js';

export type { BenchCase } from './cases/bench-case.js';

/**
 * The benchmark's questions, in the order they are run and recorded (bench/db-hits.json), each
 * defined in cases/ (paths.ts holds the two traversals) with its project, peer and raw Cypher forms.
 */
export function benchCases(k: CaseKeys): BenchCase[] {
  return [
    companiesCase(k),
    exposureCase(k),
    searchCase('search (one name, first 10)', k.searchText),
    searchCase('search (broad, first 10)', k.searchBroad),
    pathsCase(k),
    totalsCase(k),
    neighborhoodCase(k),
  ];
}
