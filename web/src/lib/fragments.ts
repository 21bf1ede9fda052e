// Selections shared by the views' queries.

export const ENTITY_REF = 'key label name nameZh';
export const SOURCE = 'key title titleEn publisher publishedOn url citation: citedAs';
// Each sentence as stored, in simplified characters and in the curators' English: the reader's language shows first.
const SENTENCES = 'evidenceSentences evidenceSentencesEn evidenceSentencesZh: evidenceSentences(script: SIMPLIFIED)';
export const EVIDENCE = `derived basis evidence ${SENTENCES} note sources { ${SOURCE} }`;
export const SUPPORT = `preferred derived ${SENTENCES} note properties sources { ${SOURCE} }`;
export const RELATION = `type from { ${ENTITY_REF} } to { ${ENTITY_REF} } properties ${EVIDENCE} support { ${SUPPORT} }`;
export const CONFLICT = `id kind subject { ${ENTITY_REF} } object { ${ENTITY_REF} } about period rule values { value preferred support { ${SUPPORT} } }`;
export const SUBGRAPH = `nodes { ${ENTITY_REF} } relationships { ${RELATION} } truncated`;
export const FIGURE = `key metric period value valueMax unit stated qualifier estimate subject { ${ENTITY_REF} } ${EVIDENCE}`;
