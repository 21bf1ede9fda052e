import type { PublicImporter } from '../importer.js';

export const HARDWARE_IMPORTERS: PublicImporter[] = [];
