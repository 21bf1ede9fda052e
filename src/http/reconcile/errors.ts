// A client mistake at /reconcile: answered 400 with a JSON body shaped like a GraphQL error (a
// message, and a code with the parameter and value it is about), never a 500.

export class ReconcileInputError extends Error {
  override name = 'ReconcileInputError';
  constructor(
    readonly code: 'BAD_RECONCILE_QUERY' | 'UNKNOWN_TYPE' | 'UNKNOWN_PROPERTY' | 'TOO_MANY_QUERIES' | 'BAD_CALLBACK' | 'MISSING_PARAMETER',
    message: string,
    readonly details: { parameter: string; value?: unknown; suggestions?: string[]; limit?: number },
  ) {
    super(message);
  }

  body() {
    return { errors: [{ message: this.message, extensions: { code: this.code, ...this.details } }] };
  }
}

/** The closest of `known` to `value`, first: those it starts, is started by or shares most letters with. */
export function closest(value: string, known: readonly string[], count = 3): string[] {
  const lower = value.toLowerCase();
  const distance = (candidate: string) => {
    const c = candidate.toLowerCase();
    if (c === lower) return 0;
    if (c.startsWith(lower) || lower.startsWith(c)) return 1;
    const letters = new Set(lower);
    return 2 + [...c].filter((ch) => !letters.has(ch)).length;
  };
  return [...known].sort((a, b) => distance(a) - distance(b) || a.localeCompare(b)).slice(0, count);
}
