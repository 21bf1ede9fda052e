import type { Database } from '../../db/database.js';
import { FINANCIAL_METRICS, type RelationshipType } from '../../core/model.js';
import { extensionRecords, type ExtensionRecord } from '../../graph/reconcile-extend.js';
import { closest, ReconcileInputError } from './errors.js';
import { typeRef } from './types.js';

// Data extension: columns an analyst adds beside reconciled names (country, kind, identifiers,
// CAPEX by period...). Each property reads what one record of extensionRecords holds.

type Value = { str: string } | { float: number } | { int: number } | { date: string } | { id: string; name: string };

interface ExtensionProperty {
  id: string;
  name: string;
  description: string;
  /** Types it is proposed for; every type when absent. */
  types?: string[];
  /** Links it follows: relationship types, and whether the entity is their start. */
  links?: { types: RelationshipType[]; outgoing: boolean; target: string };
  values?: (record: ExtensionRecord) => Value[];
}

const text = (value: unknown): Value[] => (Array.isArray(value) ? value : value == null ? [] : [value]).map((v) => ({ str: String(v) }));
const number = (value: unknown): Value[] => (typeof value === 'number' ? [Number.isInteger(value) ? { int: value } : { float: value }] : []);
/** Dates as the schema wants them (a full timestamp); a month or year stays text. */
const date = (value: unknown): Value[] => (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? [{ date: `${value}T00:00:00Z` }] : text(value));
const identifier = (scheme: string) => (record: ExtensionRecord) =>
  (Array.isArray(record.properties.identifiers) ? record.properties.identifiers : []).flatMap((json) => {
    const id = JSON.parse(String(json)) as { scheme: string; value: string };
    return id.scheme === scheme ? [{ str: id.value }] : [];
  });

export const FIGURE_PREFIX = 'figure:';

const PROPERTIES: ExtensionProperty[] = [
  { id: 'type', name: 'Type', description: 'The atlas type of the entity (Company, Chip...).', values: (r) => text(r.label) },
  { id: 'name_zh', name: 'Chinese name', description: 'The name in simplified Chinese.', values: (r) => text(r.properties.nameZh) },
  { id: 'aliases', name: 'Aliases', description: 'Other names, traditional Chinese forms among them.', values: (r) => text(r.properties.aliases) },
  { id: 'description', name: 'Description', description: 'One sentence on the entity.', values: (r) => text(r.properties.description) },
  {
    id: 'country',
    name: 'Country',
    description: 'Where it is headquartered or located.',
    links: { types: ['HEADQUARTERED_IN', 'LOCATED_IN'], outgoing: true, target: 'Country' },
  },
  {
    id: 'kind',
    name: 'Kind',
    description: 'What kind of company, data center or policy it is (HYPERSCALER, EXPORT_CONTROL...).',
    types: ['Company', 'DataCenter', 'Policy', 'Organization', 'Region'],
    values: (r) => text(r.properties.kind),
  },
  { id: 'ticker', name: 'Stock ticker', description: 'The ticker a source states.', types: ['Company'], values: identifier('TICKER') },
  { id: 'sec_cik', name: 'SEC CIK', description: 'The SEC Central Index Key a source states.', types: ['Company'], values: identifier('SEC_CIK') },
  { id: 'wikidata', name: 'Wikidata item', description: 'The Wikidata item a source states (Q182477).', values: identifier('WIKIDATA') },
  {
    id: 'chips',
    name: 'Chips designed',
    description: 'The chips the company designs.',
    types: ['Company'],
    links: { types: ['DESIGNS'], outgoing: true, target: 'Chip' },
  },
  {
    id: 'member_of',
    name: 'Member of',
    description: 'The company groups a source counts it in.',
    types: ['Company'],
    links: { types: ['MEMBER_OF'], outgoing: true, target: 'CompanyGroup' },
  },
  {
    id: 'designated_by',
    name: 'Policies naming it',
    description: 'Policies that target, restrict or exempt it (export controls, designation lists, tariffs).',
    types: ['Company', 'Chip', 'ProductCategory'],
    links: { types: ['TARGETS', 'RESTRICTS', 'EXEMPTS'], outgoing: false, target: 'Policy' },
  },
  {
    id: 'vendor',
    name: 'Vendor',
    description: 'The company that designs the chip.',
    types: ['Chip'],
    links: { types: ['DESIGNS'], outgoing: false, target: 'Company' },
  },
  {
    id: 'market',
    name: 'Market',
    description: 'Which market the chip is made for (GLOBAL, CHINA_SPECIFIC).',
    types: ['Chip'],
    values: (r) => text(r.properties.market),
  },
  {
    id: 'status',
    name: 'Status',
    description: 'The status of the data center or policy (OPERATING, IN_FORCE...).',
    types: ['DataCenter', 'Policy'],
    values: (r) => text(r.properties.status),
  },
  {
    id: 'power_mw',
    name: 'Power (MW)',
    description: 'The power of the data center in megawatts.',
    types: ['DataCenter'],
    values: (r) => number(r.properties.powerMW),
  },
  {
    id: 'chip_count',
    name: 'Chip count',
    description: 'How many chips the data center holds.',
    types: ['DataCenter'],
    values: (r) => number(r.properties.chipCount),
  },
  {
    id: 'announced_on',
    name: 'Announced on',
    description: 'The day the policy was announced.',
    types: ['Policy'],
    values: (r) => date(r.properties.announcedOn),
  },
  {
    id: 'effective_on',
    name: 'Effective on',
    description: 'The day the policy took effect.',
    types: ['Policy'],
    values: (r) => date(r.properties.effectiveOn),
  },
  {
    id: 'issued_by',
    name: 'Issued by',
    description: 'Who issued the policy.',
    types: ['Policy'],
    links: { types: ['ISSUED_BY'], outgoing: true, target: 'Organization' },
  },
  ...FINANCIAL_METRICS.map((metric) => ({
    id: `${FIGURE_PREFIX}${metric}`,
    name: metric
      .replace(/_/g, ' ')
      .toLowerCase()
      .replace(/^./, (c) => c.toUpperCase()),
    description: `The ${metric} figures the sources state, one per period in time order (the "period" setting keeps one period; the "unit" setting one unit).`,
    types: ['CAPEX', 'REVENUE', 'CAPEX_TO_REVENUE', 'CAPEX_PLAN', 'CAPEX_GROWTH'].includes(metric)
      ? ['Company', 'CompanyGroup']
      : metric.startsWith('CHIP') || metric === 'H100_EQUIVALENTS'
        ? ['Company', 'Chip', 'Country']
        : ['Company', 'DataCenter', 'Country'],
  })),
];
export const EXTENSION_PROPERTIES: readonly Pick<ExtensionProperty, 'id' | 'name' | 'description'>[] = PROPERTIES;
const byId = new Map(PROPERTIES.map((p) => [p.id.toLowerCase(), p]));

/** Properties proposed for a type: those meant for it first, figures last. */
export function proposedProperties(type: string | null) {
  return PROPERTIES.filter((p) => !type || !p.types || p.types.includes(type)).map(({ id, name, description }) => ({ id, name, description }));
}

/** Settings OpenRefine shows for each property; only figures read them. */
export const PROPERTY_SETTINGS = [
  { type: 'text', name: 'period', label: 'Period', default: '', help_text: 'Figures: only this period (2024, 2024Q4, 2025-2027); every period when empty.' },
  {
    type: 'text',
    name: 'unit',
    label: 'Unit',
    default: '',
    help_text: 'Figures: only this unit (USD_BILLION, CNY_BILLION, PERCENT...); every unit when empty.',
  },
] as const;

interface ExtendQuery {
  ids: string[];
  properties: { property: ExtensionProperty; period: string | null; unit: string | null }[];
}

function bad(message: string, value?: unknown): never {
  throw new ReconcileInputError('BAD_RECONCILE_QUERY', message, { parameter: 'extend', ...(value === undefined ? {} : { value }) });
}

export function parseExtend(json: string, maxIds: number): ExtendQuery {
  let query: { ids?: unknown; properties?: unknown };
  try {
    query = JSON.parse(json);
  } catch (error) {
    bad(`The "extend" parameter is not JSON (${(error as Error).message}).`);
  }
  if (!query || !Array.isArray(query.ids) || !query.ids.every((id) => typeof id === 'string')) bad('"extend" needs "ids", a list of entity keys.', query?.ids);
  if (query.ids.length > maxIds) {
    throw new ReconcileInputError('TOO_MANY_QUERIES', `An extension reads at most ${maxIds} ids (got ${query.ids.length}); send several requests.`, {
      parameter: 'extend.ids',
      value: query.ids.length,
      limit: maxIds,
    });
  }
  if (!Array.isArray(query.properties)) bad('"extend" needs "properties", a list of {id, settings}.', query.properties);
  const properties = query.properties.map((asked: { id?: unknown; settings?: Record<string, unknown> }) => {
    const property = byId.get(String(asked?.id ?? '').toLowerCase());
    if (!property) {
      const suggestions = closest(
        String(asked?.id),
        PROPERTIES.map((p) => p.id),
      );
      throw new ReconcileInputError('UNKNOWN_PROPERTY', `Property "${asked?.id}" is not one this service extends with. Did you mean "${suggestions[0]}"?`, {
        parameter: 'extend.properties',
        value: asked?.id,
        suggestions,
      });
    }
    const setting = (name: string) => (typeof asked.settings?.[name] === 'string' && String(asked.settings[name]).trim()) || null;
    return { property, period: setting('period'), unit: setting('unit')?.toUpperCase() ?? null };
  });
  return { ids: query.ids as string[], properties };
}

/** The extension response: a row per id asked (empty for an unknown key), a meta entry per property. */
export async function extend(db: Database, query: ExtendQuery) {
  const linkTypes = [...new Set(query.properties.flatMap(({ property }) => property.links?.types ?? []))];
  const metrics = query.properties.flatMap(({ property }) => (property.id.startsWith(FIGURE_PREFIX) ? [property.id.slice(FIGURE_PREFIX.length)] : []));
  const records = await extensionRecords(db, query.ids, linkTypes, metrics);
  const valuesOf = (record: ExtensionRecord, { property, period, unit }: ExtendQuery['properties'][number]): Value[] => {
    if (property.links) {
      const { types, outgoing } = property.links;
      return record.links.filter((l) => types.includes(l.type) && l.outgoing === outgoing).map((l) => ({ id: l.key, name: l.name }));
    }
    if (property.id.startsWith(FIGURE_PREFIX)) {
      const metric = property.id.slice(FIGURE_PREFIX.length);
      return record.facts.filter((f) => f.metric === metric && (!period || f.period === period) && (!unit || f.unit === unit)).map((f) => ({ float: f.value }));
    }
    return property.values?.(record) ?? [];
  };
  return {
    meta: query.properties.map(({ property }) => ({
      id: property.id,
      name: property.name,
      ...(property.links ? { type: typeRef(property.links.target) } : {}),
    })),
    rows: Object.fromEntries(
      query.ids.map((id) => {
        const record = records.get(id);
        return [id, Object.fromEntries(query.properties.map((asked) => [asked.property.id, record ? valuesOf(record, asked) : []]))];
      }),
    ),
  };
}
