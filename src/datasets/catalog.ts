import type { PublicImporter } from './importer.js';
import { CHIP_OWNER_IMPORTERS } from './importers/epoch-chip-owners.js';
import { CLUSTER_IMPORTERS } from './importers/epoch-clusters.js';
import { HARDWARE_IMPORTERS } from './importers/epoch-hardware.js';
import { SITE_IMPORTERS } from './importers/epoch-sites.js';
import { CN_LIST_IMPORTERS } from './importers/cn-lists.js';
import { SEC_IMPORTERS } from './importers/sec.js';
import { US_LIST_IMPORTERS } from './importers/us-lists.js';

/**
 * Every published file the atlas imports, in the order a folder is imported: chips before their
 * owners and hosts, sites before their timelines, companies named by datasets before the lists that
 * designate them and the identifiers that name them.
 */
export const PUBLIC_IMPORTERS: readonly PublicImporter[] = [
  ...HARDWARE_IMPORTERS,
  ...CHIP_OWNER_IMPORTERS,
  ...CLUSTER_IMPORTERS,
  ...SITE_IMPORTERS,
  ...US_LIST_IMPORTERS,
  ...CN_LIST_IMPORTERS,
  ...SEC_IMPORTERS,
];
