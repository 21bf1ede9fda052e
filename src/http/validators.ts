/** The opaque tags of an If-None-Match field (RFC 9110 §8.8.3), `W/` dropped; `*` stays itself. */
export function entityTags(field: string): string[] {
  return [...field.matchAll(/\s*(\*|(?:W\/)?"[^"]*")\s*(?:,|$)/g)].map((match) => match[1]!.replace(/^W\//, ''));
}

/**
 * Whether a GET may be answered 304 (RFC 9110 §13.1.2, §13.1.3, §13.2.2): If-None-Match by weak
 * comparison (a `W/` tag matches its strong twin), `*` matching any current representation; and
 * only without If-None-Match, If-Modified-Since against the last modification, to the second.
 */
export function notModified(headers: Headers, etag: string, lastModified: Date | null): boolean {
  const ifNoneMatch = headers.get('if-none-match');
  if (ifNoneMatch !== null) {
    const tags = entityTags(ifNoneMatch);
    return tags.includes('*') || tags.includes(etag.replace(/^W\//, ''));
  }
  const ifModifiedSince = headers.get('if-modified-since');
  if (ifModifiedSince === null || lastModified === null) return false;
  const since = Date.parse(ifModifiedSince);
  return !Number.isNaN(since) && Math.floor(lastModified.getTime() / 1000) * 1000 <= since;
}
