import type { PublicImporter } from '../importer.js';

export const SITE_IMPORTERS: PublicImporter[] = [];
