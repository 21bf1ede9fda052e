// Display text for evidence and quotes. The seed article is a machine conversion to traditional
// script that left noise behind: the pinyin of some characters in parentheses after them
// (`字節(jié)跳動`), and a few runs garbled where GBK bytes were read one byte out of step
// (`?!敦斀?jīng)》`, which is `。《財經》`). `normalizeText` removes exactly that noise and leaves
// everything else, punctuation included, as the source has it. It is pure and idempotent.

/** A pinyin vowel carrying a tone mark: the noise always carries one, real words never do. */
const TONE_VOWEL = 'āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ';
/** One pinyin syllable: lower-case ASCII letters, ü and tone-marked vowels, with at least one tone mark. */
const SYLLABLE = `[a-zü${TONE_VOWEL}]{0,5}[${TONE_VOWEL}][a-zü${TONE_VOWEL}]{0,5}`;
/**
 * A run of parenthesised pinyin (ASCII or full-width parentheses) right after a Han character.
 * Never matches real parenthetical content: Han text (`(48.5萬枚)`, `(亞馬遜、微軟...)`), capitalised
 * or unaccented Latin (`(Token)`, `(Stargate)`, `(CBP)`).
 */
const PINYIN_RUN = new RegExp(`(?<=\\p{Script=Han})(?:[(（]${SYLLABLE}[)）])+`, 'gu');

/**
 * Runs the conversion garbled, each with the text it stands for (worked out from the GBK bytes and
 * the context). Keys are as they occur in the source, noise included; a value holds no key, so
 * repairing twice changes nothing.
 */
export const GARBLED_RUNS: ReadonlyArray<readonly [garbled: string, repaired: string]> = [
  // 。《財經》: a full stop, then the magazine's name.
  ['?!敦斀?jīng)》', '。《財經》'],
  // 。”</p>: the end of Joe Tsai's quote; the HTML paragraph tag is dropped.
  ['?!?/p>', '。”'],
  // 規模化法則: "scaling law" (the 規 before it is intact).
  ['?;▌t', '模化法則'],
  // 。科技公司的資本: a full stop, then "tech companies' capital (expenditure)".
  ['??萍脊镜馁Y', '。科技公司的資'],
  // 。現: a full stop, then 現在 ("now").
  ['?,F(xiàn)', '。現'],
];

/** The text with the conversion noise removed: garbled runs repaired, pinyin dropped. */
export function normalizeText(text: string): string {
  let result = text;
  // Repeat until nothing changes, so removing one piece of noise cannot expose another.
  for (let round = 0; round < 8; round += 1) {
    let next = result;
    for (const [garbled, repaired] of GARBLED_RUNS) next = next.split(garbled).join(repaired);
    next = next.replace(PINYIN_RUN, '');
    if (next === result) break;
    result = next;
  }
  return result;
}

/** True where the text still holds a parenthesised pinyin syllable after a Han character. */
export function hasPinyinNoise(text: string): boolean {
  return new RegExp(PINYIN_RUN.source, 'u').test(text);
}
