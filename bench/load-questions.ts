import { benchCases } from './cases.js';
import { searchCase } from './cases/search.js';
import type { CaseKeys } from './keys.js';

/** One question of the load mix, as the project and as the peer (bench/peer-app.ts) are asked it. */
export interface LoadQuestion {
  name: string;
  project: string;
  peer: string;
}

/**
 * The load mix: the reference questions of bench/cases.ts plus two cheap ones most clients ask
 * most often, a company by key and a search for a rare word.
 */
export function loadQuestions(keys: CaseKeys, rareWord: string): LoadQuestion[] {
  const companyFields = 'key name nameZh kind country { key name }';
  return [...benchCases(keys), searchCase('search (rare word, first 10)', rareWord)]
    .map((c) => ({ name: c.name, project: JSON.stringify(c.graphql), peer: JSON.stringify(c.peer) }))
    .concat({
      name: 'company(key)',
      project: JSON.stringify({ query: `query ($key: String!) { company(key: $key) { ${companyFields} } }`, variables: { key: keys.pathTo } }),
      peer: JSON.stringify({
        query: `query ($key: String!) { companies(where: { key: { eq: $key } }) { ${companyFields} } }`,
        variables: { key: keys.pathTo },
      }),
    });
}
