import type { Database } from '../../db/database.js';
import { candidatesByKey } from '../../graph/reconcile-candidates.js';
import { typeRef } from './types.js';

// The preview OpenRefine shows in a flyout when the analyst hovers a candidate: a small page of
// its own, no script and nothing loaded from elsewhere.

export const PREVIEW_SIZE = { width: 400, height: 160 } as const;

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const STYLE = `body{margin:0;padding:8px;font:13px/1.4 system-ui,sans-serif;color:#222}
h1{font-size:15px;margin:0 0 2px}.zh{color:#555;margin-left:6px;font-weight:normal}
.meta{color:#666;font-size:12px;margin:0 0 4px}p{margin:0;max-height:80px;overflow:hidden}`;

/** Null when no entity has the key. */
export async function previewHtml(db: Database, key: string): Promise<string | null> {
  const entity = (await candidatesByKey(db, [key])).get(key);
  if (!entity) return null;
  const facts = [typeRef(entity.label).name, entity.kind, ...entity.countries.map((c) => c.name), entity.vendor ? `by ${entity.vendor.name}` : null].filter(
    Boolean,
  );
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(entity.name)}</title><style>${STYLE}</style></head><body>
<h1>${escapeHtml(entity.name)}${entity.nameZh && entity.nameZh !== entity.name ? `<span class="zh" lang="zh">${escapeHtml(entity.nameZh)}</span>` : ''}</h1>
<div class="meta">${escapeHtml(facts.join(' · '))} · <code>${escapeHtml(entity.key)}</code></div>
${entity.description ? `<p>${escapeHtml(entity.description)}</p>` : ''}
</body></html>`;
}
