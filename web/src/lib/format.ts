import { lang } from './i18n.js';

// Numbers, amounts and enum values as a reader writes them: 1,074,000, "CNY 160 bn", "Export control".

const UNIT_WORDS: Record<string, { en: string; zh: string; prefix?: string }> = {
  USD: { en: 'USD', zh: '美元', prefix: 'USD' },
  USD_BILLION: { en: 'bn', zh: '亿美元', prefix: 'USD' },
  CNY_BILLION: { en: 'bn', zh: '亿元人民币', prefix: 'CNY' },
  WATT: { en: 'W', zh: '瓦' },
  MEGAWATT: { en: 'MW', zh: '兆瓦' },
  GIGAWATT: { en: 'GW', zh: '吉瓦' },
  PERCENT: { en: '%', zh: '%' },
  TIMES: { en: '×', zh: '倍' },
  UNITS: { en: 'units', zh: '枚' },
};

export function formatNumber(value: number, maximumFractionDigits = 2): string {
  return new Intl.NumberFormat(lang() === 'zh' ? 'zh-CN' : 'en-US', { maximumFractionDigits }).format(value);
}

/**
 * A value with its unit as a person reads it: "CNY 160 bn", "1,074,000 units", "2 GW"; in Chinese the
 * billions are 亿 (1 bn = 10 亿), as the article writes them.
 */
export function formatAmount(value: number, unit: string | null | undefined): string {
  const words = unit ? UNIT_WORDS[unit] : undefined;
  if (!words) return unit ? `${formatNumber(value)} ${enumLabel(unit)}` : formatNumber(value);
  if (lang() === 'zh') {
    const scaled = unit === 'USD_BILLION' || unit === 'CNY_BILLION' ? value * 10 : value;
    return `${formatNumber(scaled)}${words.zh === '%' ? '' : ' '}${words.zh}`;
  }
  if (unit === 'PERCENT') return `${formatNumber(value)}%`;
  if (unit === 'TIMES') return `${formatNumber(value)}×`;
  if (words.prefix && unit !== 'USD') return `${words.prefix} ${formatNumber(value)} ${words.en}`;
  if (unit === 'USD') return `USD ${formatNumber(value)}`;
  return `${formatNumber(value)} ${words.en}`;
}

/** An API enum value (EXPORT_CONTROL, INTERNET_PLATFORM) or relation type (HEADQUARTERED_IN) in words. */
export function enumLabel(value: string): string {
  const english = ENUM_WORDS[value] ?? sentenceCase(value);
  return lang() === 'zh' ? (ENUM_ZH[value] ?? english) : english;
}

function sentenceCase(value: string): string {
  if (!/^[A-Z0-9_]+$/.test(value)) return value;
  const words = value.toLowerCase().split('_').join(' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** English words where sentence case of the identifier reads wrong. */
const ENUM_WORDS: Record<string, string> = {
  AI_MODEL: 'AI model',
  AIModel: 'AI model',
  CAPEX: 'Capex',
  CAPEX_TO_REVENUE: 'Capex to revenue',
  DESIGNATION_LIST: 'Designation list',
  COMPANY_GROUP: 'Company group',
  CompanyGroup: 'Company group',
  ChipFamily: 'Chip family',
  DataCenter: 'Data center',
  ProductCategory: 'Product category',
  USD_BILLION: 'USD bn',
  CNY_BILLION: 'CNY bn',
};

/** Chinese for enum values; the views add theirs with addEnumMessages. */
const ENUM_ZH: Record<string, string> = {
  Company: '公司',
  CompanyGroup: '公司组',
  Organization: '机构',
  Country: '国家',
  Region: '地区',
  Chip: '芯片',
  ChipFamily: '芯片系列',
  ProductCategory: '产品类别',
  DataCenter: '数据中心',
  Policy: '政策',
  Person: '人物',
  AIModel: 'AI 模型',
  Quote: '引述',
  Source: '来源',
};

/** Adds Chinese words for enum values (EXPORT_CONTROL → 出口管制) next to the view that shows them. */
export function addEnumMessages(messages: Record<string, string>): void {
  Object.assign(ENUM_ZH, messages);
}
