import type { PublicImporter } from '../importer.js';

export const CHIP_OWNER_IMPORTERS: PublicImporter[] = [];
