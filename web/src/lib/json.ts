/** A JSON object: a link's properties are one, though the schema types them only as JSON. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return Boolean(value) && typeof value === 'object' && !Array.isArray(value);
}
