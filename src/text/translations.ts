// The curators' English translations of evidence sentences, keyed by the exact verbatim sentence.
// Every *.json file in seed/translations/ is an object { "<verbatim sentence>": "<English>" }, read
// once, on first use. A sentence has one translation: were two files to translate it, which one is
// served would depend on file names, so that is refused.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const TRANSLATIONS_DIR = fileURLToPath(new URL('../../seed/translations/', import.meta.url));

let merged: Map<string, string> | undefined;

/** Reads the translation files of a folder; a missing folder holds none, a sentence translated twice throws. */
export function readTranslations(dir: string = TRANSLATIONS_DIR): Map<string, string> {
  const result = new Map<string, string>();
  const fileOf = new Map<string, string>();
  let files: string[];
  try {
    files = readdirSync(dir)
      .filter((name) => name.endsWith('.json'))
      .sort();
  } catch {
    return result;
  }
  for (const name of files) {
    const parsed: unknown = JSON.parse(readFileSync(path.join(dir, name), 'utf8'));
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
      throw new Error(`${path.join(dir, name)} must be an object of "<verbatim sentence>": "<English>"`);
    }
    for (const [sentence, english] of Object.entries(parsed)) {
      const earlier = fileOf.get(sentence);
      if (earlier !== undefined) {
        throw new Error(`"${sentence}" is translated in both ${path.join(dir, earlier)} and ${path.join(dir, name)}; keep one translation`);
      }
      fileOf.set(sentence, name);
      if (typeof english === 'string' && english.trim()) result.set(sentence, english);
    }
  }
  return result;
}

/** The curators' English translation of a verbatim evidence sentence, or null where there is none. */
export function translateEvidence(sentence: string): string | null {
  merged ??= readTranslations();
  return merged.get(sentence) ?? null;
}
