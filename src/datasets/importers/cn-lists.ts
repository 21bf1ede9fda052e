import type { PublicImporter } from '../importer.js';

export const CN_LIST_IMPORTERS: PublicImporter[] = [];
