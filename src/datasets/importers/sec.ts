import type { PublicImporter } from '../importer.js';

export const SEC_IMPORTERS: PublicImporter[] = [];
