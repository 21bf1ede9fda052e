import { quoteFilter } from '../graph/filters.js';
import { followNode, followNodes, LINK_FIELDS } from '../read/link-fields.js';
import { builder } from './builder.js';
import { CompanyRef } from './company.js';
import { EntityRef, entityType, prop } from './entity.js';
import { displayText, evidenceEn, SCRIPT_ARG_DESCRIPTION, ScriptEnum } from './provenance.js';
import { connectionComplexity, entityConnection, entityConnectionPage } from './pagination.js';

export const PersonRef = entityType('Person', 'A person quoted or named by a source (Jensen Huang, Joe Tsai).');
export const QuoteRef = entityType('Quote', 'One statement: who said it, when, where, and what it is about.');

builder.objectFields(PersonRef, (t) => ({
  role: t.string({ nullable: true, resolve: (e) => prop(e, 'role') }),
  roleZh: t.string({ nullable: true, resolve: (e) => prop(e, 'roleZh') }),
  organizations: t.field({
    type: [CompanyRef],
    description: 'Companies the person leads, founded or works for.',
    resolve: followNodes(LINK_FIELDS.Person.organizations),
  }),
  quotes: t.field({
    type: [QuoteRef],
    resolve: followNodes(LINK_FIELDS.Person.quotes),
  }),
}));

builder.objectFields(QuoteRef, (t) => ({
  text: t.string({
    description:
      "The statement in the language of the source, cleaned for reading: the pinyin and garbled runs a machine conversion left in the source are removed. `[…]` marks words the curators left out, such as a reporter's gloss inside the statement (see note). textVerbatim has the exact bytes.",
    args: { script: t.arg({ type: ScriptEnum, description: 'Render in this script; omitted, as stored (traditional for the seed sources).' }) },
    resolve: (e, args) => displayText(prop(e, 'text') ?? '', args.script),
  }),
  textVerbatim: t.string({
    description: 'The statement exactly as in the source text, noise included, except that `[…]` marks words the curators left out (see note).',
    resolve: (e) => prop(e, 'text') ?? '',
  }),
  textEn: t.string({ nullable: true, description: "English translation (the curators').", resolve: (e) => prop(e, 'textEn') }),
  note: t.string({
    nullable: true,
    description:
      "The curators' note on the statement: what the source adds around it (the reporter's gloss, the rest of the sentence), caveats on its attribution or date. Not part of the statement.",
    resolve: (e) => prop(e, 'note'),
  }),
  evidence: t.string({
    nullable: true,
    description: 'The source sentence(s) that report the statement, cleaned for reading, one per line: the context the text was cut from.',
    args: { script: t.arg({ type: ScriptEnum, description: SCRIPT_ARG_DESCRIPTION }) },
    resolve: (e, args) =>
      sentencesOf(e)
        ?.map((sentence) => displayText(sentence, args.script))
        .join('\n') ?? null,
  }),
  evidenceEn: t.string({
    nullable: true,
    description: "The curators' English translation of evidence; null where a sentence has none.",
    resolve: (e) => evidenceEn(sentencesOf(e)),
  }),
  saidOn: t.string({ nullable: true, description: 'ISO date, possibly partial (2025-03).', resolve: (e) => prop(e, 'saidOn') }),
  venue: t.string({ nullable: true, resolve: (e) => prop(e, 'venue') }),
  speaker: t.field({
    type: PersonRef,
    nullable: true,
    description: 'Null for an anonymous speaker; see speakerDescription.',
    resolve: followNode(LINK_FIELDS.Quote.speaker),
  }),
  speakerDescription: t.string({
    nullable: true,
    description: 'Who an anonymous speaker is, as the source describes them.',
    resolve: (e) => prop(e, 'speakerDescription'),
  }),
  about: t.field({
    type: [EntityRef],
    description: 'The entities the statement is about.',
    resolve: followNodes(LINK_FIELDS.Quote.about),
  }),
}));

function sentencesOf(e: { evidence?: unknown }): string[] | undefined {
  return Array.isArray(e.evidence) ? (e.evidence as string[]) : undefined;
}

const QuoteConnection = entityConnection(QuoteRef, 'Quote');

builder.queryFields((t) => ({
  quotes: t.field({
    type: QuoteConnection,
    description: 'Statements, optionally by one speaker and/or about one entity (keys), ordered by key.',
    args: { speaker: t.arg.string(), about: t.arg.string(), first: t.arg.int(), after: t.arg.string() },
    complexity: connectionComplexity,
    resolve: (_root, args, ctx, info) =>
      entityConnectionPage(ctx, info, args, { label: 'Quote', ...quoteFilter(args.speaker, args.about) }, 'key', 'ASC', 'quote:key'),
  }),
}));
