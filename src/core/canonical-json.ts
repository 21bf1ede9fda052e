// No Node imports: the explorer (web/) bundles this module too.

export interface CanonicalJsonOptions {
  /**
   * Keep properties whose value is null. Left out by default, so that null and absent give the same
   * text: what claim digests (src/graph/claims.ts) and the explorer's comparison of link properties
   * rely on. The benchmark keeps them, because there a field answered null is not a field left out.
   */
  keepNulls?: boolean;
  /** Spaces per level, as JSON.stringify takes them: for answers people read. */
  indent?: number;
}

/**
 * JSON with every object's keys sorted, so that equal data has equal text whoever built it. The
 * default text is stored (a claim's values) and hashed (its digests): it must never change.
 */
export function canonicalJson(value: unknown, options: CanonicalJsonOptions = {}): string {
  const { keepNulls = false, indent = 0 } = options;
  if (!indent) return compact(value, keepNulls);
  const write = (v: unknown, depth: number): string => {
    const inner = indent ? `\n${' '.repeat(indent * (depth + 1))}` : '';
    const outer = indent ? `\n${' '.repeat(indent * depth)}` : '';
    const list = (items: string[]) => (items.length ? `${inner}${items.join(`,${inner}`)}${outer}` : '');
    if (Array.isArray(v)) return `[${list(v.map((x) => write(x, depth + 1)))}]`;
    if (v && typeof v === 'object') {
      const entries = Object.entries(v as Record<string, unknown>)
        .filter(([, x]) => x !== undefined && (keepNulls || x !== null))
        .sort(([a], [b]) => a.localeCompare(b));
      return `{${list(entries.map(([k, x]) => `${JSON.stringify(k)}:${indent ? ' ' : ''}${write(x, depth + 1)}`))}}`;
    }
    return JSON.stringify(v);
  };
  return write(value, 0);
}

/**
 * The same text without indentation, built by plain loops: every claim an import writes is
 * serialised three times (its values and two digests), and the closures and arrays of the general
 * form cost more than the rest of the import's own work on a file of a million statements.
 */
function compact(v: unknown, keepNulls: boolean): string {
  if (Array.isArray(v)) {
    let text = '[';
    for (let i = 0; i < v.length; i++) text += `${i ? ',' : ''}${compact(v[i], keepNulls) ?? ''}`;
    return `${text}]`;
  }
  if (v && typeof v === 'object') {
    const object = v as Record<string, unknown>;
    let text = '{';
    let first = true;
    for (const key of Object.keys(object).sort((a, b) => a.localeCompare(b))) {
      const x = object[key];
      if (x === undefined || (!keepNulls && x === null)) continue;
      text += `${first ? '' : ','}${JSON.stringify(key)}:${compact(x, keepNulls)}`;
      first = false;
    }
    return `${text}}`;
  }
  return JSON.stringify(v);
}
