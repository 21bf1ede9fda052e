import { ENUM_EN, ENUM_ZH } from './enum-words.js';
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
  const english = ENUM_EN[value] ?? sentenceCase(value);
  return lang() === 'zh' ? (ENUM_ZH[value] ?? english) : english;
}

/** True for a value the API sends as an enum identifier (UNDER_CONSTRUCTION, OPERATING), not for words or names (ASIC, H20). */
export function isEnumValue(value: string): boolean {
  return /^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$/.test(value) || Object.hasOwn(ENUM_ZH, value);
}

function sentenceCase(value: string): string {
  if (!/^[A-Z0-9_]+$/.test(value)) return value;
  const words = value.toLowerCase().split('_').join(' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** Adds Chinese words for enum values (EXPORT_CONTROL → 出口管制) next to the view that shows them. */
export function addEnumMessages(messages: Record<string, string>): void {
  Object.assign(ENUM_ZH, messages);
}

/** What a figure says, as the reader reads it: "more than CNY 160 bn", "600,000–800,000 units". */
export interface FigureLike {
  value: number;
  valueMax?: number | null;
  valueLow?: number | null;
  valueHigh?: number | null;
  unit: string;
  qualifier: string;
}

export function formatFigure(figure: FigureLike): string {
  if (figure.qualifier === 'RANGE' && figure.valueMax !== null && figure.valueMax !== undefined) {
    const low = formatAmount(figure.value, figure.unit);
    const high = formatAmount(figure.valueMax, figure.unit);
    // Both ends share the unit: "CNY 1–2 bn" reads as "CNY 1 bn–CNY 2 bn" would not.
    return shareUnit(low, high);
  }
  const amount = formatAmount(figure.value, figure.unit);
  const bound = figure.qualifier === 'EXACT' || figure.qualifier === 'RANGE' ? '' : `${enumLabel(figure.qualifier)}${lang() === 'zh' ? '' : ' '}`;
  const interval =
    figure.valueLow !== null && figure.valueLow !== undefined && figure.valueHigh !== null && figure.valueHigh !== undefined
      ? ` (${lang() === 'zh' ? '区间' : 'interval'} ${shareUnit(formatAmount(figure.valueLow, figure.unit), formatAmount(figure.valueHigh, figure.unit))})`
      : '';
  return `${bound}${amount}${interval}`;
}

function shareUnit(low: string, high: string): string {
  const [lowNumber] = low.match(/[\d.,]+/) ?? [''];
  const [highNumber] = high.match(/[\d.,]+/) ?? [''];
  if (low.replace(lowNumber, '#') === high.replace(highNumber, '#')) return high.replace(highNumber, `${lowNumber}–${highNumber}`);
  return `${low}–${high}`;
}

/** A quantity of bytes or of operations per second in the largest unit under it: "80 GB", "3.35 TB/s", "989 TFLOP/s". */
export function formatScaled(value: number, unit: string): string {
  const prefixes: [number, string][] = [
    [1e15, 'P'],
    [1e12, 'T'],
    [1e9, 'G'],
    [1e6, 'M'],
    [1e3, 'k'],
  ];
  const [scale, prefix] = prefixes.find(([size]) => Math.abs(value) >= size) ?? [1, ''];
  return `${formatNumber(value / scale)} ${prefix}${unit}`;
}
