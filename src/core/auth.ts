import { createHash, timingSafeEqual } from 'node:crypto';

export const SCOPES = ['read', 'write'] as const;
export type Scope = (typeof SCOPES)[number];

/** A configured key: only its digest is kept, so the secret itself is never held or logged. */
export interface ApiKey {
  name: string;
  digest: Buffer;
  scopes: ReadonlySet<Scope>;
}

export type Auth =
  | { status: 'anonymous'; scopes: ReadonlySet<Scope> }
  | { status: 'invalid'; scopes: ReadonlySet<Scope> }
  | { status: 'authenticated'; principal: string; scopes: ReadonlySet<Scope> };

export const MIN_KEY_LENGTH = 16;
const NO_SCOPES: ReadonlySet<Scope> = new Set();
const digest = (secret: string) => createHash('sha256').update(secret, 'utf8').digest();

/**
 * Parses API_KEYS: comma-separated `name:secret:scope+scope` entries, e.g.
 * `analyst:9f2c...:read+write,dashboard:41aa...:read`. Throws a message that never contains a secret.
 */
export function parseApiKeys(value: string | undefined): ApiKey[] {
  if (!value?.trim()) return [];
  const names = new Set<string>();
  return value.split(',').map((entry, index) => {
    const parts = entry.trim().split(':');
    const [name, secret, scopeList] = parts;
    // A malformed entry may be nothing but a pasted secret: only a well-formed one is named.
    if (parts.length !== 3 || !name || !secret || !scopeList) throw new Error(`entry ${index + 1} must look like name:secret:read+write`);
    const where = `entry ${index + 1} ("${name}")`;
    if (names.has(name)) throw new Error(`${where}: the name is used twice`);
    names.add(name);
    if (secret.length < MIN_KEY_LENGTH) throw new Error(`${where}: the secret must be at least ${MIN_KEY_LENGTH} characters`);
    const scopes = scopeList.split('+');
    const unknown = scopes.filter((scope) => !(SCOPES as readonly string[]).includes(scope));
    if (unknown.length) throw new Error(`${where}: unknown scope ${unknown.join(', ')} (known: ${SCOPES.join(', ')})`);
    return { name, digest: digest(secret), scopes: new Set(scopes as Scope[]) };
  });
}

/**
 * Resolves `Authorization: Bearer <key>`. Every configured key is compared, in constant time and
 * without stopping at a match, so response times say nothing about which key (or how much of one)
 * was right.
 */
export function authenticate(authorization: string | null, keys: readonly ApiKey[]): Auth {
  if (!authorization) return { status: 'anonymous', scopes: NO_SCOPES };
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
  if (!match) return { status: 'invalid', scopes: NO_SCOPES };
  const presented = digest(match[1]!);
  let found: ApiKey | undefined;
  for (const key of keys) {
    if (timingSafeEqual(presented, key.digest) && !found) found = key;
  }
  return found ? { status: 'authenticated', principal: found.name, scopes: found.scopes } : { status: 'invalid', scopes: NO_SCOPES };
}
