import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * Visitors' personal data at rest: AES-256-GCM with a key from the environment, each value prefixed
 * with the id of the key that sealed it, so keys rotate (new data under the first key, old data
 * still opened by the ones listed after it); HMAC-SHA256 look-up hashes beside it (returning
 * visitor, block list), so nothing is ever searched in clear; and HMAC-signed tokens (invitations,
 * passes).
 *
 * `VISITOR_DATA_KEY` = `id:base64(32 bytes)[,id2:base64…]`. Unset on SQLite (the laptop demo), a
 * random key is made once and kept in a file beside the database (`<file>.visitor-key`, mode 0600),
 * so `npm start` needs no configuration and restarts still read old data; PostgreSQL refuses to start
 * without it (config.ts). The look-up and token key is `VISITOR_LOOKUP_KEY` or, unset, derived from
 * the first data key: to rotate the data key without losing look-ups, set it explicitly first.
 */
export interface PersonalData {
  seal(plain: string): string;
  open(sealed: string): string;
  /** A keyed hash for equality look-ups (hex). */
  hash(kind: string, value: string): string;
  sign(purpose: string, payload: string): string;
  verify(purpose: string, payload: string, signature: string): boolean;
  /** Id of the key that seals new data. */
  keyId: string;
}

const SEALED = /^v1:([A-Za-z0-9_-]{1,32}):([A-Za-z0-9_-]+):([A-Za-z0-9_-]+)$/;

export function parseKeys(spec: string): { id: string; key: Buffer }[] {
  const keys = spec
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((entry) => {
      const at = entry.indexOf(':');
      const id = entry.slice(0, at);
      const key = Buffer.from(entry.slice(at + 1), 'base64');
      if (at < 1 || !/^[A-Za-z0-9_-]{1,32}$/.test(id) || key.length !== 32) {
        throw new Error('VISITOR_DATA_KEY: each key is "id:base64 of 32 bytes", comma-separated, newest first');
      }
      return { id, key };
    });
  if (keys.length === 0) throw new Error('VISITOR_DATA_KEY is empty');
  return keys;
}

/** The SQLite demo's key: made once beside the database file and read back at every start. */
export function keyFileBeside(databaseFile: string): string {
  const file = `${databaseFile}.visitor-key`;
  if (!fs.existsSync(file)) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    try {
      fs.writeFileSync(file, `local:${randomBytes(32).toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
    } catch (error) {
      // Another process made it first: read theirs.
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  return fs.readFileSync(file, 'utf8').trim();
}

export function createPersonalData(spec: string, lookupKey?: string): PersonalData {
  const keys = parseKeys(spec);
  const byId = new Map(keys.map((k) => [k.id, k.key]));
  const current = keys[0];
  const base = lookupKey ? Buffer.from(lookupKey, 'base64') : current.key;
  const derive = (label: string) => Buffer.from(hkdfSync('sha256', base, Buffer.alloc(0), label, 32));
  const hashKey = derive('visitors/lookup');
  const tokenKey = derive('visitors/tokens');

  return {
    keyId: current.id,
    seal(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', current.key, iv);
      cipher.setAAD(Buffer.from(current.id));
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final(), cipher.getAuthTag()]);
      return `v1:${current.id}:${iv.toString('base64url')}:${body.toString('base64url')}`;
    },
    open(sealed) {
      const m = SEALED.exec(sealed);
      const key = m ? byId.get(m[1]) : undefined;
      if (!m || !key) throw new Error(`personal data sealed with an unknown key or format (${m?.[1] ?? 'no id'})`);
      const body = Buffer.from(m[3], 'base64url');
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(m[2], 'base64url'));
      decipher.setAAD(Buffer.from(m[1]));
      decipher.setAuthTag(body.subarray(body.length - 16));
      return Buffer.concat([decipher.update(body.subarray(0, body.length - 16)), decipher.final()]).toString('utf8');
    },
    hash: (kind, value) => createHmac('sha256', hashKey).update(`${kind}\0${value}`).digest('hex'),
    sign: (purpose, payload) =>
      createHmac('sha256', tokenKey).update(`${purpose}\0${payload}`).digest().subarray(0, 16).toString('base64url'),
    verify(purpose, payload, signature) {
      const expected = Buffer.from(this.sign(purpose, payload));
      const given = Buffer.from(signature);
      return expected.length === given.length && timingSafeEqual(expected, given);
    },
  };
}
