import { normalizeName } from '../../datasets/names.js';
import { searchSpellings } from '../../text/script.js';

// Names compared for reconciliation: in each script (騰訊 and 腾讯 are one name), with case, width,
// punctuation and legal forms ignored, in Latin ("Tencent Holdings Ltd") as in Chinese (騰訊控股).

/** Chinese legal forms and their usual shortenings, longest first so that 股份有限公司 goes whole. */
const CHINESE_LEGAL_SUFFIXES = ['股份有限公司', '有限责任公司', '集团有限公司', '控股有限公司', '有限公司', '控股集团', '集团', '控股', '公司'];

function withoutChineseSuffix(name: string): string {
  for (const suffix of CHINESE_LEGAL_SUFFIXES) {
    if (name.length > suffix.length && name.endsWith(suffix)) return withoutChineseSuffix(name.slice(0, -suffix.length).trim());
  }
  return name;
}

/** "Amazon.com, Inc." is Amazon: a firm named after its web address is that firm. */
const withoutDomain = (form: string) => form.replace(/^(.+) (com|net|org)$/, '$1');

/** Search text without punctuation, which the full-text search would keep inside words ("amazon.com,"). */
export const searchableText = (text: string) =>
  text
    .normalize('NFKC')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

/**
 * The forms a name is compared in: each spelling (searchSpellings gives the simplified form, in
 * which the Chinese suffixes above are written), normalised (normalizeName), legal forms dropped.
 */
export function nameForms(name: string): string[] {
  const forms = searchSpellings(name.normalize('NFKC')).map((spelling) => withoutChineseSuffix(withoutDomain(normalizeName(spelling))));
  return [...new Set(forms.filter(Boolean))];
}

/** Words of a form: each Chinese character is one (Chinese does not space its words), a run of anything else another. */
const unitsOf = (form: string) => form.match(/\p{Script=Han}|[^\s\p{Script=Han}]+/gu) ?? [];

/** Character pairs of a form (Chinese names are short: pairs, not words, carry their likeness). */
function pairs(form: string): string[] {
  const chars = [...form.replace(/ /g, '')];
  return chars.length < 2 ? chars : chars.slice(1).map((c, i) => chars[i]! + c);
}

/** Dice coefficient of the character pairs: 1 for the same form, 0 for nothing in common. */
function likeness(a: string, b: string): number {
  const left = pairs(a);
  const right = pairs(b);
  if (!left.length || !right.length) return 0;
  const pool = [...right];
  let shared = 0;
  for (const pair of left) {
    const at = pool.indexOf(pair);
    if (at >= 0) {
      shared += 1;
      pool.splice(at, 1);
    }
  }
  return (2 * shared) / (left.length + right.length);
}

/**
 * How well a query's forms name an entity of the given forms, 0–100 (docs/reconciliation-service.md):
 * 100 the same name; 75–95 the entity's name followed by more words ("Meta Platforms" for Meta,
 * more the larger the share of the query it covers); 70 the query shortening a longer name; else
 * up to 65 by the character pairs the two share.
 */
export function nameScore(queryForms: readonly string[], entityForms: readonly string[]): number {
  let best = 0;
  for (const query of queryForms) {
    for (const entity of entityForms) {
      if (query === entity) return 100;
      best = Math.max(best, partialScore(query, entity));
    }
  }
  return Math.round(best * 10) / 10;
}

function partialScore(query: string, entity: string): number {
  const queryUnits = unitsOf(query);
  const entityUnits = unitsOf(entity);
  const startsWith = (whole: string[], part: string[]) => part.length < whole.length && part.every((unit, i) => whole[i] === unit);
  if (startsWith(queryUnits, entityUnits)) return Math.min(95, 75 + (20 * entityUnits.length) / queryUnits.length);
  if (startsWith(entityUnits, queryUnits)) return 70;
  return 65 * likeness(query, entity);
}
