import { sql, type Kysely } from 'kysely';
import { createHash } from 'node:crypto';
import type { Database } from '../../src/db/schema';

// A year of history, written by the database itself (set-based INSERT … SELECT over a number
// series: a recursive CTE on SQLite, generate_series on PostgreSQL), not row by row from JS: a
// million orders take seconds, not hours. Used by the upgrade test (small) and the bench's
// history mode (a year). Writes only the tables' original columns, so it runs on any schema from
// migration 0008 on.
//
// Shape (per `days` days before `today`, `perDay` orders a day over canteen-1 and canteen-2):
// - people `h-00000` … with the staff role and a card; `h-00000` places one order in 500 (2,000
//   of a million), the rest spread over everyone;
// - two items per canteen and day; 1.5 lines per order; 5% cancelled (refunded), 2% expired, the
//   rest collected; every day closed;
// - the ledger: a payment per order, a refund per cancelled order, a top-up per person every 21
//   days, numbered per card in time order; cards whose `seq` counts their rows;
// - a message per order and per top-up, read.

export type Dialect = 'sqlite' | 'postgres';

export interface HistoryShape {
  people: number;
  days: number;
  perDay: number;
  /** 'YYYY-MM-DD': the history ends the day before. */
  today: string;
}

const q = (db: Kysely<Database>, text: string) => sql.raw(text).execute(db);

function dialectSql(dialect: Dialect, today: string) {
  const sqlite = dialect === 'sqlite';
  return {
    /** A CTE `n(i)` of 0 … count-1. */
    series: (count: number) =>
      sqlite
        ? `with recursive n(i) as (select 0 union all select i + 1 from n where i < ${count - 1})`
        : `with n(i) as (select generate_series(0, ${count - 1}))`,
    /** The date `back` days before today, 'YYYY-MM-DD'. */
    dayBefore: (back: string) =>
      sqlite
        ? `date('${today}', '-' || (${back}) || ' days')`
        : `to_char(date '${today}' - (${back})::int, 'YYYY-MM-DD')`,
    /** A stored instant: that date at 00:00 UTC plus `secs` seconds. */
    instant: (date: string, secs: string) =>
      sqlite
        ? `strftime('%Y-%m-%dT%H:%M:%fZ', ${date}, '+' || (${secs}) || ' seconds')`
        : `to_char((${date})::timestamp + (${secs}) * interval '1 second', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`,
    /** `n` as a 64-bit integer (PostgreSQL's integer arithmetic stops at 2^31). */
    big: (n: string) => (sqlite ? n : `(${n})::bigint`),
    hex12: (n: string) => (sqlite ? `printf('%012x', ${n})` : `lpad(to_hex(${n}), 12, '0')`),
    pad: (n: string, width: number) => (sqlite ? `printf('%0${width}d', ${n})` : `lpad((${n})::text, ${width}, '0')`),
  };
}

/** People `h-00000` … with the staff role and a card (¥500,000 on it, no rows yet). */
export async function growPeople(db: Kysely<Database>, dialect: Dialect, people: number): Promise<void> {
  const d = dialectSql(dialect, '2025-01-01');
  await q(
    db,
    `insert into people (id, campus_id, name, unit, is_demo, disabled, created_at)
     ${d.series(people)}
     select 'h-' || ${d.pad('i', 5)}, null, '历史用户' || i, '历史单位' || (i % 40), 0, 0, '2025-01-01T00:00:00.000Z' from n`,
  );
  await q(db, `insert into person_roles (person_id, role) select id, 'staff' from people where id like 'h-%'`);

  await q(
    db,
    `insert into meal_cards (person_id, balance_fen, seq, updated_at)
     select id, 50000000, 0, '2025-01-01T00:00:00.000Z' from people where id like 'h-%'`,
  );
}

export const historyPersonId = (n: number) => `h-${String(n).padStart(5, '0')}`;

/** Grows the database by the given history. Answers the number of rows written per table. */
export async function growHistory(
  db: Kysely<Database>,
  dialect: Dialect,
  shape: HistoryShape,
  options: { withPeople?: boolean; tag?: number } = {},
): Promise<Record<string, number>> {
  const { people, days, perDay, today } = shape;
  // A hex digit in every id, so a database can be grown twice (a bench's recent days, then the year before them).
  const tag = options.tag ?? 0;
  const hash = `history-${tag}`;
  const d = dialectSql(dialect, today);
  const orders = days * perDay;
  const person = (i: string) =>
    `'h-' || ${d.pad(`case when ${i} % 500 = 0 then 0 else 1 + (${d.big(i)} * 7919) % ${people - 1} end`, 5)}`;
  const orderId = (i: string) => `'00000000-0000-7000-8${tag}00-' || ${d.hex12(i)}`;
  const dateOf = (i: string) => d.dayBefore(`${days} - ${i} / ${perDay}`);
  const canteenOf = (i: string) => `case when ${i} % 2 = 0 then 'canteen-1' else 'canteen-2' end`;
  // Orders of a day between 03:00 and 06:00 UTC (11:00–14:00 in Shanghai).
  const createdOf = (i: string) => d.instant(dateOf(i), `10800 + (${i} % ${perDay}) * 10800 / ${perDay}`);
  const statusOf = (i: string) =>
    `case when ${i} % 20 = 3 then 'cancelled' when ${i} % 50 = 7 then 'expired' else 'collected' end`;
  const totalOf = (i: string) => `case when ${i} % 2 = 0 then 2300 else 1500 end`;
  const itemOf = (i: string, which: string) => `'hi-' || ${dateOf(i)} || '-' || ${canteenOf(i)} || '-${which}'`;

  if (options.withPeople !== false) await growPeople(db, dialect, people);

  const itemDays = days * 2 * 2;
  await q(
    db,
    `insert into takeaway_items (id, canteen_id, date, name, price_fen, stock, remaining, sale_starts_at, sale_ends_at,
       pickup_starts_at, pickup_ends_at, per_person_limit, has_slots, dish_id, status, created_by, created_at, updated_at, closed_at)
     ${d.series(itemDays)}, x(i, date, canteen, which) as (
       select i, ${d.dayBefore(`${days} - i / 4`)}, case when i % 2 = 0 then 'canteen-1' else 'canteen-2' end,
              case when (i / 2) % 2 = 0 then 'a' else 'b' end from n)
     select 'hi-' || date || '-' || canteen || '-' || which, canteen, date,
            case when which = 'a' then '历史套餐' else '历史饮品' end, case when which = 'a' then 1500 else 800 end,
            100000, 100000, ${d.instant('date', '0')}, ${d.instant('date', '21600')}, ${d.instant('date', '10800')},
            ${d.instant('date', '25200')}, null, 0, null, 'published', null, ${d.instant('date', '0')}, ${d.instant('date', '0')},
            ${d.instant('date', '36000')}
     from x`,
  );
  await q(
    db,
    `insert into takeaway_days (canteen_id, date, closed_at, closed_by)
     select distinct canteen_id, date, closed_at, null from takeaway_items where id like 'hi-%'
     on conflict do nothing`,
  );

  await q(
    db,
    `insert into takeaway_orders (id, person_id, canteen_id, date, status, total_fen, refunded_fen, pickup_slot_id,
       pickup_starts_at, pickup_ends_at, pickup_code, cancel_until, idempotency_key, request_hash, created_at,
       collected_at, collected_by, cancelled_at, expired_at)
     ${d.series(orders)}
     select ${orderId('i')}, ${person('i')}, ${canteenOf('i')}, ${dateOf('i')}, ${statusOf('i')}, ${totalOf('i')},
            case when i % 20 = 3 then ${totalOf('i')} else 0 end, null,
            ${d.instant(dateOf('i'), '10800')}, ${d.instant(dateOf('i'), '25200')}, ${d.pad(`i % ${perDay}`, 6)},
            ${d.instant(dateOf('i'), '21600')}, ${orderId('i')}, '${hash}', ${createdOf('i')},
            case when ${statusOf('i')} = 'collected' then ${createdOf('i')} end, null,
            case when ${statusOf('i')} = 'cancelled' then ${createdOf('i')} end,
            case when ${statusOf('i')} = 'expired' then ${d.instant(dateOf('i'), '36000')} end
     from n`,
  );
  await q(
    db,
    `insert into takeaway_order_lines (order_id, item_id, name, quantity, price_fen)
     ${d.series(orders)}
     select ${orderId('i')}, ${itemOf('i', 'a')}, '历史套餐', 1, 1500 from n`,
  );
  await q(
    db,
    `insert into takeaway_order_lines (order_id, item_id, name, quantity, price_fen)
     ${d.series(orders / 2)}
     select ${orderId('i * 2')}, ${itemOf('i * 2', 'b')}, '历史饮品', 1, 800 from n`,
  );

  // Top-ups every 21 days, one row each, to everyone.
  const topups = Math.max(1, Math.floor(days / 21));
  await q(
    db,
    `insert into meal_card_topups (id, created_by, idempotency_key, request_hash, amount_fen, note, recipients, created_at)
     ${d.series(topups)}
     select 'ht${tag}-' || i, 'h-00000', 'history-${tag}-' || i, '${hash}', 100000, '历史充值', ${people},
            ${d.instant(d.dayBefore(`${days} - i * 21`), '3600')} from n`,
  );
  await q(
    db,
    `insert into meal_card_ledger (id, person_id, seq, kind, amount_fen, balance_after_fen, order_id, topup_id, note, by_person_id, created_at)
     with e(id, person_id, kind, amount_fen, order_id, topup_id, created_at) as (
       select 'p-' || id, person_id, 'payment', -total_fen, id, null, created_at from takeaway_orders where request_hash = '${hash}'
       union all
       select 'r-' || id, person_id, 'refund', total_fen, id, null, cancelled_at from takeaway_orders
         where request_hash = '${hash}' and status = 'cancelled'
       union all
       select 't-' || t.id || '-' || p.id, p.id, 'topup', t.amount_fen, null, t.id, t.created_at
         from meal_card_topups t cross join people p where t.id like 'ht${tag}-%' and p.id like 'h-%')
     -- After whatever the card already holds (a bench's rush before the growth).
     select id, person_id, row_number() over w + coalesce((select c.seq from meal_cards c where c.person_id = e.person_id), 0), kind, amount_fen,
            50000000 + sum(amount_fen) over w, order_id, topup_id, null, null, created_at
     from e window w as (partition by person_id order by created_at, id rows between unbounded preceding and current row)`,
  );
  await q(
    db,
    `update meal_cards set
       seq = (select count(*) from meal_card_ledger l where l.person_id = meal_cards.person_id),
       balance_fen = 50000000 + coalesce((select sum(amount_fen) from meal_card_ledger l where l.person_id = meal_cards.person_id), 0)
     where person_id like 'h-%'`,
  );

  await q(
    db,
    `insert into messages (id, person_id, title, body, created_at, read_at)
     select 'm-' || id, person_id, '外卖下单成功', '历史套餐×1，已从餐卡支付。', created_at, created_at
     from takeaway_orders where request_hash = '${hash}'`,
  );
  await q(
    db,
    `insert into messages (id, person_id, title, body, created_at, read_at)
     select 'm-' || id, person_id, '餐卡充值到账', '历史充值 ¥1000.00 已到账。', created_at, created_at
     from meal_card_ledger where kind = 'topup' and id like 't-ht${tag}-%'`,
  );
  await q(db, 'analyze');

  const ledgerRows = orders + Math.floor(orders / 20) + topups * people;
  return {
    people,
    orders,
    lines: orders + orders / 2,
    ledger: ledgerRows,
    messages: orders + topups * people,
  };
}

/**
 * Sessions for history people `h-00000` … `h-<count>` (bench buyers), with tokens `hist-<n>`:
 * a few thousand rows, inserted in chunks.
 */
export async function historySessions(
  db: Kysely<Database>,
  count: number,
  at: Date,
): Promise<{ personId: string; token: string }[]> {
  const sessions = Array.from({ length: count + 1 }, (_, k) => ({
    personId: historyPersonId(k),
    token: `hist-${k}`,
  }));
  const expires = new Date(at.getTime() + 24 * 3600_000).toISOString();
  for (let i = 0; i < sessions.length; i += 500) {
    await db
      .insertInto('sessions')
      .values(
        sessions.slice(i, i + 500).map((s) => ({
          token_hash: createHash('sha256').update(s.token).digest('hex'),
          person_id: s.personId,
          provider: 'dev',
          created_at: at.toISOString(),
          expires_at: expires,
          revoked_at: null,
        })),
      )
      .onConflict((oc) => oc.column('token_hash').doNothing())
      .execute();
  }
  return sessions;
}

/**
 * The busiest day's board: `orders` orders of `date` in a canteen (canteen-1) for one item split into six
 * half-hour pickup slots from 11:00 (Shanghai), placed by history people; 80% still placed, 15%
 * collected, 5% cancelled. Answers the item's id.
 */
export async function growBoardDay(
  db: Kysely<Database>,
  dialect: Dialect,
  options: { date: string; orders: number; people: number; canteenId?: string },
): Promise<string> {
  const { date, orders, people } = options;
  const canteen = options.canteenId ?? 'canteen-1';
  const d = dialectSql(dialect, date);
  const itemId = `hb-${canteen}-${date}`;
  const day = `'${date}'`;
  await q(
    db,
    `insert into takeaway_items (id, canteen_id, date, name, price_fen, stock, remaining, sale_starts_at, sale_ends_at,
       pickup_starts_at, pickup_ends_at, per_person_limit, has_slots, dish_id, status, created_by, created_at, updated_at, closed_at)
     values ('${itemId}', '${canteen}', ${day}, '高峰套餐', 1500, ${orders * 2}, ${orders}, ${d.instant(day, '0')},
       ${d.instant(day, '86399')}, ${d.instant(day, '10800')}, ${d.instant(day, '21600')}, null, 1, null, 'published', null,
       ${d.instant(day, '0')}, ${d.instant(day, '0')}, null)`,
  );
  await q(
    db,
    `insert into takeaway_days (canteen_id, date, closed_at, closed_by) values ('${canteen}', ${day}, null, null)
     on conflict do nothing`,
  );
  await q(
    db,
    `insert into takeaway_pickup_slots (id, item_id, canteen_id, starts_at, ends_at, capacity, remaining)
     ${d.series(6)}
     select '${itemId}-s' || i, '${itemId}', '${canteen}', ${d.instant(day, '10800 + i * 1800')},
            ${d.instant(day, '12600 + i * 1800')}, ${orders}, ${orders} - ${Math.ceil(orders / 6)} from n`,
  );
  // Ids and keys of their own per day, so several busy days can be grown.
  const base = (Date.parse(date) / 86_400_000) * 100_000;
  const id = (i: string) => `'00000000-0000-7000-9000-' || ${d.hex12(d.big(`${base} + ${i}`))}`;
  const status = (i: string) =>
    `case when ${i} % 20 = 1 then 'cancelled' when ${i} % 20 < 5 then 'collected' else 'placed' end`;
  const created = (i: string) => d.instant(day, `7200 + ${i}`);
  await q(
    db,
    `insert into takeaway_orders (id, person_id, canteen_id, date, status, total_fen, refunded_fen, pickup_slot_id,
       pickup_starts_at, pickup_ends_at, pickup_code, cancel_until, idempotency_key, request_hash, created_at,
       collected_at, collected_by, cancelled_at, expired_at)
     ${d.series(orders)}
     select ${id('i')}, 'h-' || ${d.pad(`1 + i % ${people - 1}`, 5)}, '${canteen}', ${day}, ${status('i')}, 1500,
            case when i % 20 = 1 then 1500 else 0 end, '${itemId}-s' || (i % 6),
            ${d.instant(day, '10800 + (i % 6) * 1800')}, ${d.instant(day, '12600 + (i % 6) * 1800')},
            ${d.pad(`900000 + i`, 6)}, ${d.instant(day, '86399')}, 'board-${date}-' || i, 'board', ${created('i')},
            case when ${status('i')} = 'collected' then ${created('i')} end, null,
            case when ${status('i')} = 'cancelled' then ${created('i')} end, null
     from n`,
  );
  await q(
    db,
    `insert into takeaway_order_lines (order_id, item_id, name, quantity, price_fen)
     ${d.series(orders)}
     select ${id('i')}, '${itemId}', '高峰套餐', 1 + i % 2, 1500 from n`,
  );
  await q(db, 'analyze');
  return itemId;
}
