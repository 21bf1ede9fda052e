import { LABEL_STYLES } from './graph-style.js';

// The page colours a label (dots, pills) as the graphs draw it, through generated CSS classes.
export const LABEL_COLOURS: Record<string, string> = Object.fromEntries(Object.entries(LABEL_STYLES).map(([label, style]) => [label, style.colour]));
