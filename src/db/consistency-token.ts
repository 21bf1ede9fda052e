import { createHmac, timingSafeEqual } from 'node:crypto';

/** A consistency token this deployment did not issue, or not a token at all. */
export class BadConsistencyTokenError extends Error {
  override name = 'BadConsistencyTokenError';
}

const TOKEN = /^([A-Za-z0-9_-]{1,4000})\.([A-Za-z0-9_-]{43})$/;
const MAX_BOOKMARKS = 16;

/**
 * Consistency tokens: the Neo4j bookmarks of a commit, signed so that only this deployment can
 * mint them. Any instance with the same database credentials accepts another's tokens, while a
 * client cannot forge a position far in the future and tie up a connection for the server's
 * whole bookmark wait.
 */
export class ConsistencyTokens {
  private readonly key: Buffer;

  constructor(credentials: { user: string; password: string; database: string }) {
    // Derived, not configured: every instance pointed at the same database shares it already.
    this.key = createHmac('sha256', credentials.password).update(`compute-atlas consistency token v1\0${credentials.user}\0${credentials.database}`).digest();
  }

  /** `base64url(JSON bookmarks) "." base64url(HMAC-SHA256)`: opaque to clients. */
  issue(bookmarks: string[]): string {
    const payload = Buffer.from(JSON.stringify(bookmarks)).toString('base64url');
    return `${payload}.${this.sign(payload).toString('base64url')}`;
  }

  /** The bookmarks a token carries; throws BadConsistencyTokenError unless this deployment issued it. */
  read(token: string): string[] {
    const match = TOKEN.exec(token);
    if (!match) throw new BadConsistencyTokenError('is not a consistency token');
    const [, payload, signature] = match as unknown as [string, string, string];
    const given = Buffer.from(signature, 'base64url');
    if (given.length !== 32 || !timingSafeEqual(given, this.sign(payload))) {
      throw new BadConsistencyTokenError('was not issued by this deployment (or its database credentials changed since)');
    }
    const bookmarks: unknown = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    if (!Array.isArray(bookmarks) || bookmarks.length > MAX_BOOKMARKS || !bookmarks.every((b) => typeof b === 'string')) {
      throw new BadConsistencyTokenError('does not hold bookmarks');
    }
    return bookmarks;
  }

  private sign(payload: string): Buffer {
    return createHmac('sha256', this.key).update(payload).digest();
  }
}
