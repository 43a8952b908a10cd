// API tokens on SQLite. Only a SHA-256 of each secret is stored; the secret is shown once, at
// creation. Secrets look like `chy_<id>_<random>` so a look-up needs no scan and leaks nothing.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import type { Role, Token, TokenStore } from '../ports.ts';

interface TokenRow {
  id: string;
  name: string;
  role: Role;
  secret_hash: string;
  created_at: string;
  revoked_at: string | null;
  last_used_at: string | null;
}

const SECRET_PATTERN = /^chy_([a-z0-9]{10})_([A-Za-z0-9_-]{43})$/;

export class SqliteTokenStore implements TokenStore {
  constructor(private readonly db: Database) {}

  create(name: string, role: Role): Promise<{ token: Token; secret: string }> {
    const id = randomBytes(8).toString('hex').slice(0, 10);
    const secret = `chy_${id}_${randomBytes(32).toString('base64url')}`;
    const createdAt = new Date().toISOString();
    this.db
      .prepare(
        'INSERT INTO tokens (id, name, role, secret_hash, created_at) VALUES (?, ?, ?, ?, ?)',
      )
      .run(id, name, role, hashSecret(secret), createdAt);
    return Promise.resolve({ token: { id, name, role, createdAt }, secret });
  }

  verify(secret: string): Promise<Token | undefined> {
    const match = SECRET_PATTERN.exec(secret);
    if (match === null) return Promise.resolve(undefined);
    const row = this.db
      .prepare<[string], TokenRow>('SELECT * FROM tokens WHERE id = ?')
      .get(match[1] as string);
    if (row === undefined || row.revoked_at !== null) return Promise.resolve(undefined);
    const expected = Buffer.from(row.secret_hash, 'hex');
    const actual = Buffer.from(hashSecret(secret), 'hex');
    if (!timingSafeEqual(expected, actual)) return Promise.resolve(undefined);
    const now = new Date().toISOString();
    this.db.prepare('UPDATE tokens SET last_used_at = ? WHERE id = ?').run(now, row.id);
    return Promise.resolve(toToken({ ...row, last_used_at: now }));
  }

  revoke(id: string): Promise<boolean> {
    const result = this.db
      .prepare('UPDATE tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL')
      .run(new Date().toISOString(), id);
    return Promise.resolve(result.changes > 0);
  }

  list(): Promise<Token[]> {
    const rows = this.db.prepare<[], TokenRow>('SELECT * FROM tokens ORDER BY created_at').all();
    return Promise.resolve(rows.map(toToken));
  }
}

function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

function toToken(row: TokenRow): Token {
  return {
    id: row.id,
    name: row.name,
    role: row.role,
    createdAt: row.created_at,
    ...(row.revoked_at === null ? {} : { revokedAt: row.revoked_at }),
    ...(row.last_used_at === null ? {} : { lastUsedAt: row.last_used_at }),
  };
}
