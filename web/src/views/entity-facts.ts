import { type Child, h } from '../lib/dom.js';
import type { Table } from '../lib/download.js';
import { enumLabel, formatAmount, formatNumber, formatScaled } from '../lib/format.js';
import { addMessages, t } from '../lib/i18n.js';
import type { EntityQuery } from '../lib/generated.js';
import type { EntityRef } from '../lib/types.js';
import { entityLink } from '../widgets/evidence.js';

// What only some labels have, each in its own section: a chip's specifications and a data
// center's place, power, status and operators.

type Entity = NonNullable<EntityQuery['entity']>;
type Chip = Extract<Entity, { __typename: 'Chip' }>;
type DataCenter = Extract<Entity, { __typename: 'DataCenter' }>;
export type Row = [label: string, value: Child, raw: string | number];

addMessages({
  Specifications: '规格',
  'Chip type': '芯片类型',
  'Thermal design power': '热设计功耗',
  Memory: '显存',
  'Memory bandwidth': '显存带宽',
  'BF16 throughput': 'BF16 算力',
  'FP8 throughput': 'FP8 算力',
  'INT8 throughput': 'INT8 算力',
  'Process node': '制程',
  Foundry: '代工厂',
  Released: '发布时间',
  'Launch price': '首发价格',
  Designer: '设计方',
  Family: '系列',
  'Variant of': '变体自',
  Variants: '变体',
  Market: '市场',
  'Data center': '数据中心',
  Kind: '类型',
  Status: '状态',
  Power: '电力',
  Chips: '芯片',
  Address: '地址',
  Coordinates: '坐标',
  'First operational': '首次投运',
  Location: '位置',
  Operators: '运营方',
  Users: '使用方',
  Investors: '投资方',
  'Phase of': '分期属于',
  Phases: '分期',
  'Builds upon': '扩建自',
  Projects: '所属项目',
});

const links = (entities: EntityRef[]): Child => (entities.length ? entities.flatMap((entity, i) => [i ? ', ' : '', entityLink(entity)]) : null);

const keys = (entities: { key: string }[]) => entities.map((entity) => entity.key).join(' ');

/** A chip's specifications as the ML hardware dataset states them, in the units people quote. */
export function chipRows(chip: Chip): Row[] {
  const rows: (Row | null)[] = [
    chip.vendor ? [t('Designer'), entityLink(chip.vendor), chip.vendor.key] : null,
    [t('Market'), enumLabel(chip.market), chip.market],
    chip.chipType ? [t('Chip type'), chip.chipType, chip.chipType] : null,
    chip.family ? [t('Family'), entityLink(chip.family), chip.family.key] : null,
    chip.variantOf.length ? [t('Variant of'), links(chip.variantOf), keys(chip.variantOf)] : null,
    chip.variants.length ? [t('Variants'), links(chip.variants), keys(chip.variants)] : null,
    chip.tdpWatts !== null ? [t('Thermal design power'), formatAmount(chip.tdpWatts, 'WATT'), chip.tdpWatts] : null,
    chip.memoryBytes !== null ? [t('Memory'), formatScaled(chip.memoryBytes, 'B'), chip.memoryBytes] : null,
    chip.memoryBandwidthBytesPerSecond !== null
      ? [t('Memory bandwidth'), formatScaled(chip.memoryBandwidthBytesPerSecond, 'B/s'), chip.memoryBandwidthBytesPerSecond]
      : null,
    chip.bf16FlopsPerSecond !== null ? [t('BF16 throughput'), formatScaled(chip.bf16FlopsPerSecond, 'FLOP/s'), chip.bf16FlopsPerSecond] : null,
    chip.fp8FlopsPerSecond !== null ? [t('FP8 throughput'), formatScaled(chip.fp8FlopsPerSecond, 'FLOP/s'), chip.fp8FlopsPerSecond] : null,
    chip.int8OpsPerSecond !== null ? [t('INT8 throughput'), formatScaled(chip.int8OpsPerSecond, 'OP/s'), chip.int8OpsPerSecond] : null,
    chip.processNm !== null ? [t('Process node'), `${formatNumber(chip.processNm)} nm`, chip.processNm] : null,
    chip.foundry ? [t('Foundry'), chip.foundry, chip.foundry] : null,
    chip.releasedOn ? [t('Released'), chip.releasedOn, chip.releasedOn] : null,
    chip.releasePriceUsd !== null ? [t('Launch price'), formatAmount(chip.releasePriceUsd, 'USD'), chip.releasePriceUsd] : null,
  ];
  return rows.filter((row): row is Row => row !== null);
}

/** A data center's place, power, status and who runs, uses or pays for it. */
export function dataCenterRows(dc: DataCenter): Row[] {
  const bounded = (value: number, qualifier: string | null, unit: string) =>
    `${qualifier && qualifier !== 'EXACT' ? `${enumLabel(qualifier)} ` : ''}${formatAmount(value, unit)}`;
  const rows: (Row | null)[] = [
    [t('Kind'), enumLabel(dc.dataCenterKind), dc.dataCenterKind],
    [t('Status'), h('span', { class: `badge status-${dc.dataCenterStatus.toLowerCase()}` }, enumLabel(dc.dataCenterStatus)), dc.dataCenterStatus],
    dc.powerMW !== null ? [t('Power'), bounded(dc.powerMW, dc.powerMWQualifier, 'MEGAWATT'), dc.powerMW] : null,
    dc.chipCount !== null ? [t('Chips'), bounded(dc.chipCount, dc.chipCountQualifier, 'UNITS'), dc.chipCount] : null,
    dc.locations.length ? [t('Location'), links(dc.locations), keys(dc.locations)] : null,
    dc.address ? [t('Address'), dc.address, dc.address] : null,
    dc.latitude !== null && dc.longitude !== null
      ? [t('Coordinates'), `${formatNumber(dc.latitude, 4)}, ${formatNumber(dc.longitude, 4)}`, `${dc.latitude},${dc.longitude}`]
      : null,
    dc.firstOperationalOn ? [t('First operational'), dc.firstOperationalOn, dc.firstOperationalOn] : null,
    dc.operators.length + dc.operatorGroups.length
      ? [t('Operators'), links([...dc.operators, ...dc.operatorGroups]), keys([...dc.operators, ...dc.operatorGroups])]
      : null,
    dc.users.length ? [t('Users'), links(dc.users), keys(dc.users)] : null,
    dc.investors.length ? [t('Investors'), links(dc.investors), keys(dc.investors)] : null,
    dc.phaseOf ? [t('Phase of'), entityLink(dc.phaseOf), dc.phaseOf.key] : null,
    dc.phases.length ? [t('Phases'), links(dc.phases), keys(dc.phases)] : null,
    dc.buildsUpon.length ? [t('Builds upon'), links(dc.buildsUpon), keys(dc.buildsUpon)] : null,
    dc.projects.length ? [t('Projects'), links(dc.projects), keys(dc.projects)] : null,
  ];
  return rows.filter((row): row is Row => row !== null);
}

/** A titled definition list of rows; null when there are none. */
export function factsSection(title: string, className: string, rows: Row[]): HTMLElement | null {
  if (!rows.length) return null;
  return h(
    'section',
    { class: className },
    h('h2', {}, title),
    h(
      'dl',
      {},
      rows.map(([label, value]) => [h('dt', {}, label), h('dd', {}, value)]),
    ),
  );
}

export function rowsTable(name: string, rows: Row[]): Table {
  return { name, columns: ['name', 'value'], rows: rows.map(([label, , raw]) => ({ name: label, value: raw })) };
}
