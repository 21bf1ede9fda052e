import { quoteFilter } from '../graph/filters.js';
import { builder } from './builder.js';
import { EntityRef, stringProperty } from './entity.js';
import { linkField } from './link-field.js';
import { displayText, evidenceEn, SCRIPT_ARG_DESCRIPTION, ScriptEnum } from './provenance.js';
import { checkedWhenEmpty, connectionComplexity, emptyPage, entityConnection, entityConnectionPage } from './pagination.js';
import { CompanyRef, PersonRef, QuoteRef } from './refs.js';

builder.objectFields(PersonRef, (t) => ({
  role: t.string({
    nullable: true,
    description: 'The title the sources give the person (CEO of Nvidia); null when none.',
    resolve: (e) => stringProperty(e, 'role'),
  }),
  roleZh: t.string({ nullable: true, description: 'The title in simplified Chinese; null when none.', resolve: (e) => stringProperty(e, 'roleZh') }),
  organizations: linkField(t, {
    type: [CompanyRef],
    description: 'Companies the person leads, founded or works for.',
    follow: { types: ['LEADS', 'FOUNDED', 'WORKS_FOR'], direction: 'OUT', labels: ['Company'] },
  }),
  quotes: linkField(t, { type: [QuoteRef], description: 'The statements the person made (SAID).', follow: { types: ['SAID'], direction: 'OUT' } }),
}));

builder.objectFields(QuoteRef, (t) => ({
  text: t.string({
    description:
      "The statement in the language of the source, cleaned for reading: the pinyin and garbled runs a machine conversion left in the source are removed. `[…]` marks words the curators left out, such as a reporter's gloss inside the statement (see note). textVerbatim has the exact bytes.",
    args: { script: t.arg({ type: ScriptEnum, description: 'Render in this script; omitted, as stored (traditional for the seed sources).' }) },
    resolve: (e, args) => displayText(stringProperty(e, 'text') ?? '', args.script),
  }),
  textVerbatim: t.string({
    description: 'The statement exactly as in the source text, noise included, except that `[…]` marks words the curators left out (see note).',
    resolve: (e) => stringProperty(e, 'text') ?? '',
  }),
  textEn: t.string({ nullable: true, description: "English translation (the curators').", resolve: (e) => stringProperty(e, 'textEn') }),
  note: t.string({
    nullable: true,
    description:
      "The curators' note on the statement: what the source adds around it (the reporter's gloss, the rest of the sentence), caveats on its attribution or date. Not part of the statement.",
    resolve: (e) => stringProperty(e, 'note'),
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
  saidOn: t.string({ nullable: true, description: 'ISO date, possibly partial (2025-03).', resolve: (e) => stringProperty(e, 'saidOn') }),
  venue: t.string({
    nullable: true,
    description: 'Where it was said (an earnings call, a conference, an interview); null when the source does not say.',
    resolve: (e) => stringProperty(e, 'venue'),
  }),
  speaker: linkField(t, {
    type: PersonRef,
    description: 'Null for an anonymous speaker; see speakerDescription.',
    follow: { types: ['SAID'], direction: 'IN' },
  }),
  speakerDescription: t.string({
    nullable: true,
    description: 'Who an anonymous speaker is, as the source describes them.',
    resolve: (e) => stringProperty(e, 'speakerDescription'),
  }),
  about: linkField(t, { type: [EntityRef], description: 'The entities the statement is about.', follow: { types: ['ABOUT'], direction: 'OUT' } }),
}));

function sentencesOf(e: { evidence?: unknown }): string[] | undefined {
  return Array.isArray(e.evidence) ? (e.evidence as string[]) : undefined;
}

const QuoteConnection = entityConnection(QuoteRef, 'Quote');

builder.queryFields((t) => ({
  quotes: t.field({
    type: QuoteConnection,
    description: 'Statements, optionally by one speaker and/or about one entity (keys), ordered by key.',
    args: {
      speaker: t.arg.string({ description: 'Key of a person: only what they said. Anyone when omitted.' }),
      about: t.arg.string({ description: 'Key of an entity: only statements about it. About anything when omitted.' }),
      first: t.arg.int({ description: 'Page size: 0 up to the service limit (MAX_PAGE_SIZE, 100 by default); 20 when omitted.' }),
      after: t.arg.string({ description: 'The endCursor of the previous page; omit for the first page.' }),
    },
    complexity: connectionComplexity,
    resolve: async (_root, args, ctx, info) => {
      const page = entityConnectionPage(ctx, info, args, { label: 'Quote', ...quoteFilter(args.speaker, args.about) }, 'key', 'ASC', 'quote:key');
      return checkedWhenEmpty(ctx, page, emptyPage, { speaker: args.speaker, about: args.about });
    },
  }),
}));
