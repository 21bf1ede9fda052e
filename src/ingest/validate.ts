import { readFile, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import type { z } from 'zod';
import { ENTITY_LABELS, RELATIONSHIP_RULES, type EntityLabel } from '../core/model.js';
import { normalizeText } from '../text/normalize.js';
import {
  ITEM_SCHEMAS,
  type AttributesItem,
  type EntityItem,
  type FactItem,
  type ItemKind,
  type QuoteItem,
  type RelationshipItem,
  type SourceItem,
} from './shapes.js';

/** Where an item came from, so every problem names the file and the item. */
export interface ItemOrigin {
  file: string;
  index: number;
  /** 1-based line in a CSV file; JSON items are named by index and key instead. */
  line?: number;
}

export interface Problem extends ItemOrigin {
  item: string;
  /** The field at fault (`sources`, `properties.period`), when one is. */
  field?: string;
  message: string;
}

export class ValidationFailed extends Error {
  override name = 'ValidationFailed';
  constructor(readonly problems: Problem[]) {
    super(
      `${problems.length} problem${problems.length === 1 ? '' : 's'} found; nothing was written:\n` +
        problems.map((p) => `  ${p.file}${p.line ? `:${p.line}` : ''} ${p.item}: ${p.message}`).join('\n'),
    );
  }
}

export interface RawFile {
  file: string;
  kind: ItemKind;
  items: { value: unknown; origin: ItemOrigin }[];
  /**
   * Directory that relative `textFile` paths of sources are resolved against; null where items
   * do not come from a file (a mutation), which may therefore name no file of the server's.
   */
  baseDir: string | null;
}

/** A source's text file is read only inside the folder imported, and only up to this size. */
export const MAX_SOURCE_TEXT_BYTES = 5_000_000;

export interface Dataset {
  sources: SourceItem[];
  entities: EntityItem[];
  /** Properties of entities defined elsewhere, each its source's own claim. */
  attributes: AttributesItem[];
  relationships: RelationshipItem[];
  facts: FactItem[];
  quotes: QuoteItem[];
  /** Full texts of the sources that have one (from their textFile), stored with the source. */
  sourceTexts: Map<string, string>;
}

export interface ExistingEntity {
  label: EntityLabel;
  /** A source's full text, when the graph holds it: evidence citing it is checked against it. */
  fullText?: string | null;
}

/** Looks up keys that the files reference but do not define. */
export type KeyLookup = (keys: string[]) => Promise<Map<string, ExistingEntity>>;

/** The kind of items a file holds follows from its name: sources*, attributes*, relationships*, facts*, quotes*, else entities. */
export function kindOfFile(file: string): ItemKind {
  const base = path.basename(file).toLowerCase();
  for (const kind of ['sources', 'attributes', 'relationships', 'facts', 'quotes'] as const) if (base.startsWith(kind)) return kind;
  return 'entities';
}

export async function readJsonFile(file: string): Promise<RawFile> {
  const text = await readFile(file, 'utf8');
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new ValidationFailed([{ file, index: -1, item: '(file)', message: `is not valid JSON: ${(error as Error).message}` }]);
  }
  if (!Array.isArray(parsed)) {
    throw new ValidationFailed([{ file, index: -1, item: '(file)', message: 'must hold a JSON array of items' }]);
  }
  return {
    file,
    kind: kindOfFile(file),
    baseDir: path.dirname(file),
    items: parsed.map((value, index) => ({ value, origin: { file, index } })),
  };
}

function describe(kind: ItemKind, value: unknown, index: number): string {
  const v = (value ?? {}) as Record<string, unknown>;
  const name =
    kind === 'relationships'
      ? `${String(v.from)} -[${String(v.type)}]-> ${String(v.to)}`
      : kind === 'facts'
        ? `${String(v.subject)} ${String(v.metric)} ${String(v.period)}`
        : String(v.key ?? '?');
  return `item #${index + 1} (${name})`;
}

/**
 * Columns an export writes beside the verbatim evidence and the keys, for people to read
 * (src/export/formats.ts): derived from the item, so an import drops them rather than refusing them.
 */
export const READING_AIDS = ['evidenceClean', 'evidenceEn', 'fromName', 'toName', 'subjectName'];

function withoutReadingAids(value: unknown): unknown {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return value;
  return Object.fromEntries(Object.entries(value).filter(([name]) => !READING_AIDS.includes(name)));
}

/**
 * Checks every item of every file before anything is written: shapes, enums, dates and units;
 * that every key referenced exists in the files or the graph with an allowed label; that every
 * item cites a known source; and that evidence quoted from a source with a text is verbatim.
 */
export async function validateFiles(files: RawFile[], lookupExisting: KeyLookup, textRoot?: string): Promise<Dataset> {
  const problems: Problem[] = [];
  const dataset: Dataset = { sources: [], entities: [], attributes: [], relationships: [], facts: [], quotes: [], sourceTexts: new Map() };
  const origins = new Map<object, Problem>();
  const baseDirs = new Map<object, string | null>();
  const report = (at: Problem, message: string, field?: string) =>
    problems.push({ ...at, ...(field ? { field } : {}), message: field ? `${field}: ${message}` : message });

  // Keys of items the files define but that failed validation: already reported, so a reference to
  // one is not reported again as a key that "does not exist".
  const rejected = new Set<string>();
  for (const raw of files) {
    for (const { value, origin } of raw.items) {
      const at: Problem = { ...origin, item: describe(raw.kind, value, origin.index), message: '' };
      const parsed = (ITEM_SCHEMAS[raw.kind] as z.ZodType).safeParse(withoutReadingAids(value));
      if (!parsed.success) {
        for (const issue of parsed.error.issues) report(at, issue.message, issue.path.join('.') || undefined);
        const key = (value as { key?: unknown } | null)?.key;
        if (typeof key === 'string') rejected.add(key);
        continue;
      }
      const item = parsed.data as object;
      origins.set(item, at);
      baseDirs.set(item, raw.baseDir);
      (dataset[raw.kind] as object[]).push(item);
    }
  }

  // Keys defined in these files, with their labels.
  const defined = new Map<string, EntityLabel>();
  const sourceTexts = dataset.sourceTexts;
  // Several sources may each state an entity (one claim each); one source states it once.
  const statedBy = new Set<string>();
  const define = (key: string, label: EntityLabel, item: object) => {
    const sources = [...new Set((item as { sources?: string[] }).sources ?? [])].sort().join('+');
    const previous = defined.get(key);
    if (statedBy.has(`${key}|${sources}`)) report(origins.get(item)!, `"${key}" is defined twice by the same sources in the files`, 'key');
    else if (previous && previous !== label) report(origins.get(item)!, `"${key}" is defined as a ${previous} and as a ${label} in the files`, 'key');
    statedBy.add(`${key}|${sources}`);
    defined.set(key, label);
  };
  for (const s of dataset.sources) define(s.key, 'Source', s);
  for (const e of dataset.entities) define(e.key, e.label, e);
  for (const q of dataset.quotes) define(q.key, 'Quote', q);
  // Attributes are a claim on an entity like a definition: one per entity and set of sources.
  for (const a of dataset.attributes) {
    const id = `${a.key}|${[...new Set(a.sources)].sort().join('+')}`;
    if (statedBy.has(id)) report(origins.get(a)!, `"${a.key}" is stated twice by the same sources in the files`, 'key');
    statedBy.add(id);
  }

  for (const s of dataset.sources) {
    if (!s.textFile) continue;
    const baseDir = baseDirs.get(s)!;
    if (baseDir === null) {
      report(origins.get(s)!, 'can only be given in a file import (the text file travels with the import files)', 'textFile');
      continue;
    }
    const text = await readSourceText(textRoot ?? baseDir, path.resolve(baseDir, s.textFile));
    if (typeof text === 'string') sourceTexts.set(s.key, text);
    else report(origins.get(s)!, `"${s.textFile}" ${text.problem}`, 'textFile');
  }

  // Everything referenced, so missing keys can be looked up in the graph in one round trip.
  const referenced = new Set<string>();
  const refsOf = (item: object): string[] => {
    const refs: string[] = [...((item as { sources?: string[] }).sources ?? [])];
    if ('type' in item) refs.push((item as RelationshipItem).from, (item as RelationshipItem).to);
    if ('subject' in item) {
      const f = item as FactItem;
      refs.push(f.subject, ...[f.market, f.relativeTo, f.estimatedBy, f.item].filter((k): k is string => Boolean(k)));
    }
    if ('about' in item) {
      const q = item as QuoteItem;
      refs.push(...q.about, ...(q.speaker ? [q.speaker] : []));
    }
    if ('vendor' in item && typeof item.vendor === 'string') refs.push(item.vendor);
    if ('values' in item) {
      const a = item as AttributesItem;
      refs.push(a.key, ...(typeof a.values.vendor === 'string' ? [a.values.vendor] : []));
    }
    return refs;
  };
  const all: object[] = [...dataset.sources, ...dataset.entities, ...dataset.attributes, ...dataset.relationships, ...dataset.facts, ...dataset.quotes];
  for (const item of all) for (const ref of refsOf(item)) if (!defined.has(ref)) referenced.add(ref);
  // Keys the files define are looked up too: a key already in the graph keeps its label.
  const existing = await lookupExisting([...referenced, ...defined.keys()]);
  const labelOf = (key: string) => defined.get(key) ?? existing.get(key)?.label;
  for (const item of [...dataset.sources, ...dataset.entities, ...dataset.quotes]) {
    const { key } = item as { key: string };
    const before = existing.get(key)?.label;
    if (before && before !== defined.get(key)) {
      report(origins.get(item)!, `"${key}" is already a ${before} in the graph; a key names one thing of one label for good, so choose another key`, 'key');
    }
  }
  // A source keeps the text the graph holds: evidence already checked against it must stay verbatim.
  for (const source of dataset.sources) {
    const held = existing.get(source.key)?.fullText;
    const given = sourceTexts.get(source.key);
    if (held && given !== undefined && given !== held) {
      report(origins.get(source)!, `the graph holds a different text for source "${source.key}"; a source's text is never replaced`, 'textFile');
    }
  }
  // Evidence citing a source already in the graph is checked against its stored text too.
  const knownTexts = new Map(sourceTexts);
  for (const [key, entity] of existing) if (entity.fullText) knownTexts.set(key, entity.fullText);

  const expectLabel = (item: object, field: string, key: string, allowed: readonly EntityLabel[]) => {
    const label = labelOf(key);
    if (!label) {
      if (!rejected.has(key)) report(origins.get(item)!, `key "${key}" does not exist in the files or the graph`, field);
    } else if (!allowed.includes(label)) report(origins.get(item)!, `"${key}" is a ${label}, expected ${allowed.join(' or ')}`, field);
  };

  const anyEntity = ENTITY_REFERENCE_LABELS;
  for (const item of all) {
    for (const source of (item as { sources?: string[] }).sources ?? []) expectLabel(item, 'sources', source, ['Source']);
    checkEvidence(item, knownTexts, (message) => report(origins.get(item)!, message, 'evidence'));
  }
  for (const e of dataset.entities) {
    if ('vendor' in e && e.vendor) expectLabel(e, 'vendor', e.vendor, ['Company']);
  }
  for (const a of dataset.attributes) {
    expectLabel(a, 'key', a.key, [a.label]);
    if (typeof a.values.vendor === 'string') expectLabel(a, 'values.vendor', a.values.vendor, ['Company']);
  }
  const relationshipIds = new Set<string>();
  for (const r of dataset.relationships) {
    const rule = RELATIONSHIP_RULES[r.type];
    expectLabel(r, 'from', r.from, rule.from);
    expectLabel(r, 'to', r.to, rule.to);
    const id = `${relationshipKey(r)}|${[...new Set(r.sources)].sort().join('+')}`;
    if (relationshipIds.has(id)) report(origins.get(r)!, `the same ${r.type} link (and period) is stated twice by the same sources`, 'type');
    relationshipIds.add(id);
  }
  const factIds = new Set<string>();
  for (const f of dataset.facts) {
    expectLabel(f, 'subject', f.subject, anyEntity);
    if (f.market) expectLabel(f, 'market', f.market, ['Country', 'Region']);
    if (f.relativeTo) expectLabel(f, 'relativeTo', f.relativeTo, anyEntity);
    if (f.estimatedBy) expectLabel(f, 'estimatedBy', f.estimatedBy, [...anyEntity, 'Source']);
    if (f.item) expectLabel(f, 'item', f.item, anyEntity);
    const id = factKey(f);
    if (factIds.has(id)) report(origins.get(f)!, 'the same figure (subject, metric, period, date, item, market, qualifier, source) is stated twice', 'subject');
    factIds.add(id);
  }
  for (const q of dataset.quotes) {
    if (q.speaker) expectLabel(q, 'speaker', q.speaker, ['Person']);
    for (const about of q.about) expectLabel(q, 'about', about, [...anyEntity, 'Quote', 'Source']);
  }

  if (problems.length) throw new ValidationFailed(problems);
  return dataset;
}

// What a figure may be about or relative to: any entity but a quote or a source.
const ENTITY_REFERENCE_LABELS = ENTITY_LABELS.filter((label) => label !== 'Quote' && label !== 'Source');

/**
 * Where the curators left words out of a quote's text: a reporter's gloss or framing inside the
 * speaker's words, which stays in the quote's evidence.
 */
export const ELISION = '[…]';

/**
 * Evidence must be verbatim from at least one cited source whose text we hold: either exactly as
 * the text has it, noise included, or in the clean form (src/text/normalize.ts) of the text. So
 * must a quote's text, except that a text with elisions is checked part by part against the quote's
 * own evidence (itself checked against the source): so a quote joins only words of one passage,
 * in their order, and each elision stands for words that are really left out.
 */
export function checkEvidence(item: object, texts: Map<string, string>, fail: (message: string) => void): void {
  const { evidence, sources } = item as { evidence?: string[]; sources?: string[] };
  const text = 'text' in item && 'about' in item ? (item as QuoteItem).text : null;
  const elided = text?.includes(ELISION) ?? false;
  if (text !== null && elided && !elidedIn(text, evidence ?? [])) {
    fail(
      `"${truncate(text)}": the words around each ${ELISION} must each occur, in this order and with words left out between them, in one evidence sentence of the quote`,
    );
  }
  const sentences = [...(evidence ?? []), ...(text !== null && !elided ? [text] : [])];
  const withText = (sources ?? []).filter((key) => texts.has(key));
  if (!withText.length) return;
  for (const sentence of sentences) {
    if (!withText.some((key) => occursIn(texts.get(key)!, sentence))) {
      fail(`"${truncate(sentence)}" is not verbatim in source ${withText.join(' or ')}`);
    }
  }
}

/** Normalized source texts, kept while the text is in use (a source's text is checked many times). */
const normalizedStrings = new Map<string, string>();

function normalizedSource(text: string): string {
  let normalized = normalizedStrings.get(text);
  if (normalized === undefined) {
    normalized = normalizeText(text);
    // A few source texts per load at most; forget the oldest beyond that.
    if (normalizedStrings.size >= 16) normalizedStrings.delete(normalizedStrings.keys().next().value!);
    normalizedStrings.set(text, normalized);
  }
  return normalized;
}

/** True where the sentence is in the text verbatim, or its clean form is in the clean text. */
export function occursIn(text: string, sentence: string): boolean {
  if (text.includes(sentence)) return true;
  const clean = normalizeText(sentence);
  return clean.length > 0 && normalizedSource(text).includes(clean);
}

/** True where the parts of an elided text occur in one of the passages, in order, each after a gap. */
function elidedIn(text: string, passages: string[]): boolean {
  const parts = text.split(ELISION);
  if (parts.some((part) => !part.trim())) return false;
  const inOrder = (passage: string, words: string[]) => {
    let from = 0;
    for (const [index, part] of words.entries()) {
      const at = passage.indexOf(part, index === 0 ? 0 : from + 1);
      if (at < 0) return false;
      from = at + part.length;
    }
    return true;
  };
  const clean = parts.map(normalizeText);
  return passages.some((passage) => inOrder(passage, parts) || inOrder(normalizeText(passage), clean));
}

function truncate(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

/**
 * One link per (from, type, to, period), or per start date: the same pair may be linked again for
 * another period, and a company re-listed after a removal is designated anew.
 */
export function relationshipKey(r: Pick<RelationshipItem, 'type' | 'from' | 'to' | 'properties'>): string {
  const { period, since } = r.properties;
  return [r.from, r.type, r.to, ...(period === undefined ? [] : [String(period)]), ...(since === undefined ? [] : [`since:${String(since)}`])].join('|');
}

/** A figure's identity; date and item are appended only when given, so figures keyed before them keep their keys. */
export function factKey(f: FactItem): string {
  const finer = f.date || f.item ? [f.date ?? '', f.item ?? ''] : [];
  return [f.subject, f.metric, f.period ?? '', f.market ?? '', f.relativeTo ?? '', f.qualifier, f.sources[0], ...finer].join('|');
}

/** The file's text, if it lies inside `root` (after following links) and is not too large. */
async function readSourceText(root: string, file: string): Promise<string | { problem: string }> {
  let real: string;
  let realRoot: string;
  try {
    [real, realRoot] = await Promise.all([realpath(file), realpath(root)]);
  } catch {
    return { problem: `cannot be read (looked for ${file})` };
  }
  if (path.relative(realRoot, real).startsWith('..') || path.isAbsolute(path.relative(realRoot, real))) {
    return { problem: `is outside the folder imported (${realRoot}); put the text file inside it` };
  }
  const info = await stat(real);
  if (!info.isFile()) return { problem: 'is not a file' };
  if (info.size > MAX_SOURCE_TEXT_BYTES) return { problem: `is larger than ${MAX_SOURCE_TEXT_BYTES} bytes` };
  return readFile(real, 'utf8');
}
