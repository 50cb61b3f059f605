import { sql, type SelectQueryBuilder, type StringReference } from 'kysely';
import { DomainError } from '../errors';

/** Where a page ended in a list ordered newest first by (created_at, id). */
export interface PagePosition {
  createdAt: string;
  id: string;
}

const STORED_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
// Row ids are UUIDs, or readable ones the demo seed gives its rows (`seed-2026-11-18-noshow`).
const ROW_ID = /^[0-9a-z-]{1,64}$/;

export const cursorInvalid = () => new DomainError('CURSOR_INVALID', 400);

/**
 * An opaque cursor for a keyset page: the list it belongs to and the last row's position. A
 * cursor of another list, or one that was not made here, is refused rather than read as a
 * position it was never given.
 */
export function encodeCursor(list: string, at: PagePosition): string {
  return Buffer.from(JSON.stringify([list, at.createdAt, at.id])).toString('base64url');
}

/** A cursor's JSON array of `length` entries, or CURSOR_INVALID. */
function parts(cursor: string, length: number): unknown[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw cursorInvalid();
  }
  if (!Array.isArray(parsed) || parsed.length !== length) throw cursorInvalid();
  return parsed as unknown[];
}

export function decodeCursor(list: string, cursor: string | undefined): PagePosition | undefined {
  if (cursor === undefined) return undefined;
  const [of, createdAt, id] = parts(cursor, 3);
  if (of !== list || typeof createdAt !== 'string' || typeof id !== 'string') throw cursorInvalid();
  if (!STORED_INSTANT.test(createdAt) || !ROW_ID.test(id)) throw cursorInvalid();
  return { createdAt, id };
}

/**
 * Rows fetched with `limit + 1` → the page and the cursor of the next one (null on the last page).
 */
export function pageFrom<Row extends { created_at: string; id: string }>(
  list: string,
  rows: Row[],
  limit: number,
): { rows: Row[]; nextCursor: string | null } {
  if (rows.length <= limit) return { rows, nextCursor: null };
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return { rows: page, nextCursor: encodeCursor(list, { createdAt: last.created_at, id: last.id }) };
}

/**
 * The rows past `at` in `(key, id)` order (`<` going newest first, `>` oldest first), as one
 * row-value comparison: both databases compare row values and range-scan a list's index with it.
 */
export function pastPosition(key: string, id: string, direction: '<' | '>', at: PagePosition) {
  return sql<boolean>`(${sql.ref(key)}, ${sql.ref(id)}) ${sql.raw(direction)} (${at.createdAt}, ${at.id})`;
}

/**
 * One keyset page of `query` ordered by `(key, id)`: the rows past `after` and `limit + 1` of them,
 * the extra row telling pageFrom that another page follows.
 */
export function keysetPage<DB, TB extends keyof DB, O>(
  query: SelectQueryBuilder<DB, TB, O>,
  [key, id]: [StringReference<DB, TB>, StringReference<DB, TB>],
  order: 'asc' | 'desc',
  after: PagePosition | undefined,
  limit: number,
): SelectQueryBuilder<DB, TB, O> {
  const from = after ? query.where(pastPosition(key, id, order === 'desc' ? '<' : '>', after)) : query;
  return from
    .orderBy(key, order)
    .orderBy(id, order)
    .limit(limit + 1);
}

/**
 * A list whose rows an owner numbers in commit order (the meal card's ledger `seq`): its keyset is
 * that number alone, which a row committed later can never fall behind (an instant taken before a
 * commit can). Opaque and refused like the instant cursor above.
 */
export function encodeSeqCursor(list: string, seq: number): string {
  return Buffer.from(JSON.stringify([list, seq])).toString('base64url');
}

export function decodeSeqCursor(list: string, cursor: string | undefined): number | undefined {
  if (cursor === undefined) return undefined;
  const [of, seq] = parts(cursor, 2);
  if (of !== list || typeof seq !== 'number' || !Number.isSafeInteger(seq) || seq < 1) throw cursorInvalid();
  return seq;
}
