import type { EntityLabel } from '../../core/model.js';
import { RECONCILABLE_LABELS } from '../../graph/reconcile-candidates.js';
import { closest, ReconcileInputError } from './errors.js';

// The types of the reconciliation API are the atlas labels, named as the explorer names them.

export interface ReconcileType {
  id: EntityLabel;
  name: string;
  description: string;
}

export const RECONCILE_TYPES: readonly ReconcileType[] = [
  { id: 'Company', name: 'Company', description: 'A firm: a hyperscaler, chip designer, AI lab, operator, investor or research firm.' },
  { id: 'CompanyGroup', name: 'Company group', description: 'A set of companies a source counts together ("five US tech companies").' },
  { id: 'Organization', name: 'Organization', description: 'A government or government agency.' },
  { id: 'Country', name: 'Country', description: 'A country.' },
  { id: 'Region', name: 'Region', description: 'A region: supranational, a state or province, or a special administrative region.' },
  { id: 'Chip', name: 'Chip', description: 'An AI accelerator or chip series (Nvidia H20, Huawei Ascend 910).' },
  { id: 'ChipFamily', name: 'Chip family', description: 'A family of chips.' },
  { id: 'ProductCategory', name: 'Product category', description: 'A class of goods (servers, storage, semiconductors).' },
  { id: 'DataCenter', name: 'Data center', description: 'A data center, cluster, campus or portfolio of projects.' },
  { id: 'Policy', name: 'Policy', description: 'An export control, tariff, investment programme or corporate policy.' },
  { id: 'Person', name: 'Person', description: 'A person.' },
  { id: 'AIModel', name: 'AI model', description: 'A trained AI model.' },
  { id: 'Source', name: 'Source', description: 'An article, report, filing or dataset the atlas cites.' },
];
const TYPE_IDS = RECONCILE_TYPES.map((t) => t.id);
const byId = new Map(RECONCILE_TYPES.map((t) => [t.id.toLowerCase(), t]));

/** The types a manifest proposes first: what a column of names in a spreadsheet most often holds. */
export const DEFAULT_TYPES = RECONCILE_TYPES.filter((t) => ['Company', 'Chip', 'Country', 'DataCenter', 'Policy', 'Organization'].includes(t.id));

export const typeRef = (label: string) => ({ id: label, name: byId.get(label.toLowerCase())?.name ?? label });

/** A client's type id (any case) as a label; an unknown one is the client's mistake. */
export function labelOf(id: string, parameter: string): EntityLabel {
  const type = byId.get(id.trim().toLowerCase());
  if (!type || !RECONCILABLE_LABELS.includes(type.id)) {
    throw new ReconcileInputError('UNKNOWN_TYPE', `Type "${id}" is not a type of this service. Did you mean "${closest(id, TYPE_IDS)[0]}"?`, {
      parameter,
      value: id,
      suggestions: closest(id, TYPE_IDS),
    });
  }
  return type.id;
}
