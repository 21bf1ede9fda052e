// Rendering stored Chinese text in the script a client asks for. The seed article is stored in
// traditional script with Taiwan usage (著 for 着); simplified is rendered with OpenCC's
// Taiwan-to-mainland converter, whose dictionaries ship inside the opencc-js package (no network).
import { Converter, type ConverterFunction } from 'opencc-js';

export type Script = 'SIMPLIFIED' | 'TRADITIONAL';

let toSimplified: ConverterFunction | undefined;

/**
 * The text in the script asked for. TRADITIONAL, or no script, returns the text as stored (the
 * sources are stored in traditional script); SIMPLIFIED converts it. Latin letters, digits and
 * punctuation pass through unchanged.
 */
export function renderScript(text: string, script: Script | null | undefined): string {
  if (script !== 'SIMPLIFIED') return text;
  toSimplified ??= Converter({ from: 'tw', to: 'cn' });
  return toSimplified(text);
}
