import neo4j from 'neo4j-driver';
import type { Database } from '../db/database.js';
import { ENTITY_LABELS, type EntityLabel } from '../core/model.js';
import { searchSpellings } from '../text/script.js';
import { packedEntity, type EntityRecord, type PropertyNeed } from './records.js';

export const SEARCH_INDEX = 'entity_names';

/**
 * The full-text index behind `search`: names, Chinese names and aliases of every entity, as stored.
 * The CJK analyzer indexes Chinese as overlapping character pairs and lower-cases Latin words. Only
 * some traditional forms are stored (字節跳動 is an alias, 英偉達H100 is not), so a search looks for
 * each spelling of its text (toSearchQuery) rather than the index holding every one.
 */
export const SEARCH_INDEX_STATEMENT = `CREATE FULLTEXT INDEX ${SEARCH_INDEX} IF NOT EXISTS
  FOR (n:Entity) ON EACH [n.name, n.nameZh, n.aliases]
  OPTIONS {indexConfig: {\`fulltext.analyzer\`: 'cjk'}}`;

/**
 * The same names, each kept whole (the keyword analyzer): it finds the entities a spelling names
 * exactly, so that ranking need not read the names of every hit (EXACT_MATCH_BONUS). Neo4j allows
 * one full-text index per labels and properties, and entity_names has (:Entity) on these, so this
 * one lists the entity labels: every entity carries one of them besides Entity.
 */
export const EXACT_NAMES_INDEX = 'entity_exact_names';
export const EXACT_NAMES_INDEX_STATEMENT = `CREATE FULLTEXT INDEX ${EXACT_NAMES_INDEX} IF NOT EXISTS
  FOR (n:${ENTITY_LABELS.join('|')}) ON EACH [n.name, n.nameZh, n.aliases]
  OPTIONS {indexConfig: {\`fulltext.analyzer\`: 'keyword'}}`;

// Lucene syntax characters. Client text is searched as text: these become word breaks, never operators.
const LUCENE_SYNTAX = /[+\-&|!(){}[\]^"~*?:\\/]/g;

/**
 * Bounds on search text, well below where Lucene itself gives up (1,024 clauses, a prefix
 * automaton of about 1,000 characters) and above any name in the graph.
 */
export const SEARCH_TEXT_LIMITS = { characters: 200, words: 20 } as const;

/** Search text beyond SEARCH_TEXT_LIMITS: the client's to shorten. */
export class SearchTextError extends Error {
  override name = 'SearchTextError';
}

/** What a search asks the index: one Lucene query per spelling, and the spellings compared with names. */
export interface SearchQuery {
  lucene: string[];
  exact: string[];
  /** A Lucene query of EXACT_NAMES_INDEX for names equal to one of `exact`, case aside. */
  exactNames: string;
  /** The same words allowing typos, asked only when the words as written hit nothing; null when no word is long enough to misspell. */
  fuzzy: string[] | null;
}

/** The words of a text, lower-cased, with Lucene syntax characters taken as word breaks. */
function luceneWords(text: string): string[] {
  return (
    text
      .normalize('NFKC')
      .replace(LUCENE_SYNTAX, ' ')
      .split(/\s+/)
      .filter((word) => /[\p{L}\p{N}]/u.test(word))
      // Lucene's AND/OR/NOT are operators only in upper case.
      .map((word) => word.toLowerCase())
  );
}

/** The words as a Lucene query of plain words: each Latin word also matches as a prefix (`byted` finds ByteDance). */
const luceneQuery = (words: string[]) => words.map((word) => (/^[a-z0-9]+$/.test(word) ? `(${word} OR ${word}*)` : word)).join(' ');

/**
 * Edits a Latin word may be away from a name and still match (Lucene's `word~n`): none for short
 * words, where one edit reaches too many others ("h20" would find "h100"), and at most Lucene's two.
 */
const typosAllowed = (word: string) => (word.length < 4 ? 0 : word.length < 6 ? 1 : 2);

/** The words as a Lucene query that forgives typos in Latin words long enough to have them. */
function fuzzyLuceneQuery(words: string[]): string | null {
  if (!words.some((word) => /^[a-z0-9]+$/.test(word) && typosAllowed(word) > 0)) return null;
  return words.map((word) => (/^[a-z0-9]+$/.test(word) && typosAllowed(word) ? `(${word}* OR ${word}~${typosAllowed(word)})` : word)).join(' ');
}

/**
 * Turns client text into the queries of a search: its plain words in each of its spellings
 * (searchSpellings), so that 輝達, 英偉達 and 英伟达 all find Nvidia. Null when nothing searchable
 * is left.
 */
export function toSearchQuery(text: string): SearchQuery | null {
  if (text.length > SEARCH_TEXT_LIMITS.characters) {
    throw new SearchTextError(`must be at most ${SEARCH_TEXT_LIMITS.characters} characters (got ${text.length}).`);
  }
  const words = luceneWords(text);
  if (!words.length) return null;
  if (words.length > SEARCH_TEXT_LIMITS.words) {
    throw new SearchTextError(`must have at most ${SEARCH_TEXT_LIMITS.words} words (got ${words.length}).`);
  }
  const spellings = searchSpellings(text.normalize('NFKC'));
  const fuzzy = [...new Set(spellings.map((spelling) => fuzzyLuceneQuery(luceneWords(spelling))).filter((q): q is string => q !== null))];
  const exact = [...new Set(spellings.map(exactForm))];
  return {
    lucene: [...new Set(spellings.map((spelling) => luceneQuery(luceneWords(spelling))))],
    exact,
    exactNames: exact.map(caselessRegexp).join(' OR '),
    fuzzy: fuzzy.length ? fuzzy : null,
  };
}

/** The search that forgives typos, in place of one whose words as written hit nothing. */
export function withTypos(query: SearchQuery): SearchQuery | null {
  return query.fuzzy ? { ...query, lucene: query.fuzzy, fuzzy: null } : null;
}

export interface SearchHit {
  node: EntityRecord;
  score: number;
}

export interface SearchPosition {
  score: number;
  key: string;
}

export interface SearchPage {
  hits: SearchHit[];
  hasNextPage: boolean;
}

const labelCondition = 'any(l IN labels(node) WHERE l IN $labels)';

/**
 * Only the conditions a request needs are written into the statement: Cypher does not skip
 * `$p IS NULL OR ...` by itself, and reading the labels of every hit of a broad word costs more
 * than ranking them.
 */
const whereAll = (conditions: (string | null)[]) => {
  const needed = conditions.filter((c): c is string => c !== null);
  return needed.length ? `WHERE ${needed.map((c) => `(${c})`).join(' AND ')}` : '';
};

/**
 * The entities a search hits, each once, with the Lucene score of the spelling that matches it
 * best as `textScore`: the best, not the sum over spellings, so that an entity is not ranked up for
 * having its name stored in both scripts, and a name scores the same typed in either script. Text
 * with one spelling (Latin, most often) skips the aggregation, which over every hit of a broad word
 * takes longer than the search itself.
 */
const hits = (query: SearchQuery, carried = '') =>
  query.lucene.length === 1
    ? 'CALL db.index.fulltext.queryNodes($index, $queries[0]) YIELD node, score AS textScore'
    : `UNWIND $queries AS query
     CALL db.index.fulltext.queryNodes($index, query) YIELD node, score AS spellingScore
     WITH ${carried}node, max(spellingScore) AS textScore`;

/**
 * Relevance is the text score plus a bonus when a spelling is exactly one of the entity's names or
 * aliases: BM25 alone can rank a group ("ByteDance, Alibaba, Tencent") above the company itself
 * when the company carries many aliases. The entities so named are looked up once in
 * EXACT_NAMES_INDEX rather than by reading three names of every hit, which for a broad word was
 * three quarters of the statement's db hits (bench/README.md, "Sixth series").
 */
const EXACT_MATCH_BONUS = 100;
const scored = (query: SearchQuery) => `CALL () {
       CALL db.index.fulltext.queryNodes($exactIndex, $exactNames) YIELD node
       RETURN collect(node) AS exactlyNamed
     }
     ${hits(query, 'exactlyNamed, ')}
     WITH node, textScore + CASE WHEN node IN exactlyNamed THEN ${EXACT_MATCH_BONUS} ELSE 0 END AS score`;

/** The form of a spelling compared with names for an exact match. */
function exactForm(text: string): string {
  return text.normalize('NFKC').trim().toLowerCase();
}

// Lucene regular expressions' own characters, and the slash that ends one in a query.
const REGEXP_SYNTAX = /[.?+*|{}[\]()"\\#@&<>~/]/;

/**
 * A Lucene regular expression matching `text` whole, each letter in either case: the keyword
 * analyzer keeps names as written, and a name matches in any case (`NVIDIA` for `nvidia`).
 */
function caselessRegexp(text: string): string {
  const chars = [...text].map((char) => {
    const lower = char.toLowerCase();
    const upper = char.toUpperCase();
    // A letter whose other case is one character; ß (SS) and the like are matched as written.
    if (lower !== upper && [...lower].length === 1 && [...upper].length === 1) return `[${lower}${upper}]`;
    return REGEXP_SYNTAX.test(char) ? `\\${char}` : char;
  });
  return `/${chars.join('')}/`;
}

/**
 * Ranked by score, then key; the next page starts strictly after (score, key) of the last hit.
 * Hits are ranked and cut to the page before any is projected: a broad word can hit tens of
 * thousands of entities, and only a page of them is read (then ordered again, a page only, since
 * Cypher promises an order only where a clause states one).
 */
export async function searchEntities(
  db: Database,
  query: SearchQuery,
  labels: readonly EntityLabel[] | null,
  first: number,
  after: SearchPosition | null,
  need: PropertyNeed = 'ALL',
): Promise<SearchPage> {
  const entity = packedEntity('node', need);
  const rows = await db.read<{ entity: unknown; score: number }>(
    `${scored(query)}
     ${whereAll([labels?.length ? labelCondition : null, after ? 'score < $afterScore OR (score = $afterScore AND node.key > $afterKey)' : null])}
     WITH node, score ORDER BY score DESC, node.key ASC LIMIT $limit
     RETURN ${entity.cypher} AS entity, score ORDER BY score DESC, node.key ASC`,
    {
      index: SEARCH_INDEX,
      queries: query.lucene,
      exactIndex: EXACT_NAMES_INDEX,
      exactNames: query.exactNames,
      labels: labels?.length ? labels : null,
      afterScore: after?.score ?? null,
      afterKey: after?.key ?? null,
      limit: neo4j.int(first + 1),
    },
  );
  return { hits: rows.slice(0, first).map((row) => ({ node: entity.unpack(row.entity), score: row.score })), hasNextPage: rows.length > first };
}

export async function countSearchHits(db: Database, query: SearchQuery, labels: readonly EntityLabel[] | null): Promise<number> {
  const [row] = await db.read<{ total: number }>(
    `${hits(query)}
     WITH node ${whereAll([labels?.length ? labelCondition : null])}
     RETURN count(node) AS total`,
    { index: SEARCH_INDEX, queries: query.lucene, labels: labels?.length ? labels : null },
  );
  return row?.total ?? 0;
}

/** Whether the search hits anything at all: decides, before a page is read, whether to forgive typos. */
export async function anySearchHit(db: Database, query: SearchQuery, labels: readonly EntityLabel[] | null): Promise<boolean> {
  const rows = await db.read<{ key: string }>(
    `${hits(query)}
     WITH node ${whereAll([labels?.length ? labelCondition : null])}
     RETURN node.key AS key LIMIT 1`,
    { index: SEARCH_INDEX, queries: query.lucene, labels: labels?.length ? labels : null },
  );
  return rows.length > 0;
}
