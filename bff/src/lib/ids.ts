import { randomBytes, randomUUID, createHash } from 'node:crypto';

// Ids, tokens and hashes: random ids, time-ordered ids for busy tables, bearer tokens, SHA-256.

export const newId = (): string => randomUUID();

/** 256 bits, URL-safe: an opaque bearer token. */
export const newToken = (): string => randomBytes(32).toString('base64url');

export const sha256Hex = (value: string): string => createHash('sha256').update(value).digest('hex');

/**
 * A time-ordered UUID (version 7: milliseconds since the epoch, then random bits) for rows inserted
 * at a high rate. Random (v4) keys land on a random page of every index they are in, so each row
 * dirties pages of its own and a commit writes them all; ordered keys append to the same few pages,
 * which a group commit then writes once. Not a secret: it shows when the row was made.
 */
export function newSortableId(): string {
  const ms = Date.now().toString(16).padStart(12, '0');
  // randomUUID: 'xxxxxxxx-xxxx-4xxx-Nxxx-xxxxxxxxxxxx'; keep its random bits and variant after the version.
  return `${ms.slice(0, 8)}-${ms.slice(8, 12)}-7${randomUUID().slice(15)}`;
}
