// Rendering stored Chinese text in the script a client asks for, and spelling search text in both
// scripts. The seed article is stored in traditional script with Taiwan usage (著 for 着);
// simplified is rendered with OpenCC's Taiwan-to-mainland converter, whose dictionaries ship
// inside the opencc-js package (no network). OpenCC knows words, not the graph's names: it turns
// 華為昇騰 into 华为升腾, while Huawei writes 昇腾 in simplified too. So the names of the seed's
// entities that OpenCC gets wrong are rendered as the entity's own simplified name (nameZh). The
// names are read from the seed's files, not the database, so that rendering stays a pure function.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Converter, ConverterFactory, type ConverterFunction, Locale, Trie } from 'opencc-js';

export type Script = 'SIMPLIFIED' | 'TRADITIONAL';

/** Where the entity names come from: the seed's data files, found beside the code as translations are. */
const NAMES_DIR = fileURLToPath(new URL('../../seed/data/', import.meta.url));

// Each converter loads its dictionaries once, on first use.
function once<T>(make: () => T): () => T {
  let value: T | undefined;
  return () => {
    value ??= make();
    return value;
  };
}

const twToCn = once(() => Converter({ from: 'tw', to: 'cn' }));
const twpToCn = once(() => Converter({ from: 'twp', to: 'cn' }));
const hkToCn = once(() => Converter({ from: 'hk', to: 'cn' }));

/**
 * Simplified to traditional (Taiwan forms), character by character. OpenCC's own cn → tw first
 * loads a phrase table of 400,000 characters, which takes about two seconds and much memory; a
 * character's traditional form is all the callers need. Locale.from.cn is [[phrases, characters]].
 */
const cnToTw = once((): ConverterFunction => {
  const characters = Locale.from.cn?.[0]?.at(-1);
  if (!characters) throw new Error('opencc-js: no simplified-to-traditional character table in Locale.from.cn');
  return ConverterFactory([characters], ...(Locale.to.tw ?? []));
});

const HAN = /\p{Script=Han}/u;

/**
 * The part of nameZh that `form` writes character for character, each the same or its traditional
 * form: all of it for 華為昇騰910系列, 昇腾910 for the short name 昇騰910. Undefined for another name.
 */
function spelledPart(form: string, nameZh: string): string | undefined {
  const chars = [...form];
  const target = [...nameZh];
  for (let start = 0; start + chars.length <= target.length; start += 1) {
    const part = target.slice(start, start + chars.length);
    if (chars.every((c, i) => c === part[i] || twToCn()(c) === part[i])) return part.join('');
  }
  return undefined;
}

interface NamedEntity {
  name: string;
  nameZh: string;
  aliases: string[];
}

function namedEntities(): NamedEntity[] {
  let files: string[];
  try {
    files = readdirSync(NAMES_DIR).filter((name) => name.endsWith('.json'));
  } catch {
    return [];
  }
  return files.flatMap((file) => {
    const parsed: unknown = JSON.parse(readFileSync(path.join(NAMES_DIR, file), 'utf8'));
    if (!Array.isArray(parsed)) return [];
    return parsed.flatMap((item: Record<string, unknown>) =>
      typeof item?.name === 'string' && typeof item.nameZh === 'string'
        ? [{ name: item.name, nameZh: item.nameZh, aliases: Array.isArray(item.aliases) ? item.aliases.filter((a) => typeof a === 'string') : [] }]
        : [],
    );
  });
}

/**
 * The names OpenCC would simplify wrongly, each with its simplified form as the entity's nameZh
 * writes it: nameZh itself, and every name, alias or traditional form of nameZh that writes nameZh
 * or a part of it. A form two entities simplify differently is ambiguous, and left to OpenCC.
 */
function namePhrases(): Map<string, string> {
  const simplify = twToCn();
  const chosen = new Map<string, string | null>();
  for (const { name, nameZh, aliases } of namedEntities()) {
    const forms = new Set([nameZh, cnToTw()(nameZh), name, ...aliases]);
    for (const form of forms) {
      const simplified = HAN.test(form) ? spelledPart(form, nameZh) : undefined;
      if (simplified === undefined || simplify(form) === simplified) continue;
      chosen.set(form, chosen.has(form) && chosen.get(form) !== simplified ? null : simplified);
    }
  }
  return new Map([...chosen].filter((entry): entry is [string, string] => entry[1] !== null));
}

const names = once(() => {
  const trie = new Trie();
  trie.loadDict([...namePhrases()]);
  return trie;
});

/** OpenCC's simplified, except that known names are cut out before it sees them and written as the graph writes them. */
function toSimplified(text: string): string {
  const known = names();
  const convert = twToCn();
  let result = '';
  let plain = 0;
  for (let i = 0; i < text.length; ) {
    const name = known.matchPrefix(text, i);
    if (name) {
      result += convert(text.slice(plain, i)) + name.value;
      i = plain = name.end;
    } else {
      i += 1;
    }
  }
  return result + convert(text.slice(plain));
}

/**
 * The text in the script asked for. TRADITIONAL, or no script, returns the text as stored (the
 * sources are stored in traditional script); SIMPLIFIED converts it. Latin letters, digits and
 * punctuation pass through unchanged.
 */
export function renderScript(text: string, script: Script | null | undefined): string {
  return script === 'SIMPLIFIED' ? toSimplified(text) : text;
}

/**
 * The spellings a search looks for: the text, its simplified form in mainland usage (Taiwan and
 * Hong Kong words and variants converted: 輝達 → 英伟达, 衞星 → 卫星), and that form in traditional
 * characters. The text is first put in traditional characters so that Taiwan words typed in
 * simplified characters (辉达) convert too. Text in either script yields the same simplified and
 * traditional forms, so a name ranks alike whichever script it is typed in.
 */
export function searchSpellings(text: string): string[] {
  const simplified = hkToCn()(twpToCn()(cnToTw()(text)));
  return [...new Set([text, simplified, cnToTw()(simplified)])];
}
