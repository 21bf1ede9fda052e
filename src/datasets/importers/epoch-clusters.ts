import type { PublicImporter } from '../importer.js';

export const CLUSTER_IMPORTERS: PublicImporter[] = [];
