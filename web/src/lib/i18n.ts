import type { EntityRef } from './types.js';

export type Lang = 'en' | 'zh';

const ZH: Record<string, string> = {
  Search: '搜索',
  Entity: '实体',
  Neighbourhood: '关系网',
  Exposure: '风险敞口',
  Paths: '路径',
  Figures: '数据',
  'Search companies, chips, policies… (English, 简体, 繁體)': '搜索公司、芯片、政策…（English、简体、繁體）',
  Loading: '加载中',
  Retry: '重试',
  'Did you mean:': '您是否要找：',
  Properties: '属性',
  Aliases: '别名',
  'Figures by period': '各期数据',
  Links: '关系',
  Quotes: '引述',
  Sources: '来源',
  Evidence: '证据',
  derived: '推导',
  'curator knowledge': '编者常识',
  stated: '原文陈述',
  'No period': '未注明时期',
  Depth: '深度',
  'Relationship types': '关系类型',
  'All types': '全部类型',
  Chip: '芯片',
  'Policy kinds': '政策类型',
  'Exposed companies': '受影响公司',
  Usage: '使用',
  Threat: '威胁',
  Scope: '适用范围',
  From: '起点',
  To: '终点',
  'Max hops': '最大跳数',
  Metric: '指标',
  Period: '时期',
  'By company': '按公司',
  'By country': '按国家',
  'Open the neighbourhood': '查看关系网',
  'Open the entity page': '查看实体',
  'Click an edge to read its evidence; click a node to expand it.': '点击连线查看证据；点击节点展开。',
  'Click an edge or a sentence to read its evidence.': '点击连线或句子查看证据。',
  'No results.': '没有结果。',
  'No path within': '在此跳数内没有路径：',
  'hops.': '跳。',
  Find: '查找',
  Show: '显示',
  'The graph database is unavailable right now; retry in a few seconds.': '图数据库暂时不可用，请稍后重试。',
  'No entity has the key': '没有此键的实体：',
  'GraphQL API': 'GraphQL 接口',
  'truncated: more links exist than are drawn': '已截断：未画出全部关系',
  Note: '说明',
  total: '合计',
  Disagreements: '来源分歧',
  'Sources give different values here; each value is shown with the sources and sentences behind it.':
    '以下各处来源给出的值不同；每个值都附有其来源与原文句子。',
  'How the preferred value is chosen': '采用值的选取规则',
  // The API's Conflict.rule, word for word (src/graph/claims.ts PREFERENCE_RULE); another text shows in English.
  'Stated over derived; then the claim recorded first (a later source never silently replaces the shown value: the disagreement is listed in conflicts); then by source key.':
    '原文陈述优先于推导；其次取最先记录的陈述（后来的来源不会悄悄替换已显示的值：分歧会在此列出）；再按来源键排序。',
  preferred: '采用',
  'The value the rest of the explorer shows': '浏览器其他部分显示的值',
  'Statements by source': '各来源的陈述',
  'sources disagree': '来源说法不一',
  sources: '个来源',
  link: '关系',
  figure: '数据',
  property: '属性',
};

let current: Lang = 'en';

/**
 * Adds a module's Chinese texts (English text → Chinese): each view and widget keeps the words it
 * uses next to its code, so two views never edit one dictionary.
 */
export function addMessages(messages: Record<string, string>): void {
  Object.assign(ZH, messages);
}

export function setLang(lang: Lang): void {
  current = lang;
  document.documentElement.lang = lang === 'zh' ? 'zh-Hans' : 'en';
}

export function lang(): Lang {
  return current;
}

/** The UI's English text, or its Chinese when 中文 is on (English when no translation exists). */
export function t(text: string): string {
  return current === 'zh' ? (ZH[text] ?? text) : text;
}

export function nameOf(entity: Pick<EntityRef, 'name' | 'nameZh'>): string {
  return current === 'zh' && entity.nameZh ? entity.nameZh : entity.name;
}
