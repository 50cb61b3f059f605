import type { FastifyBaseLogger } from 'fastify';
import type { Kysely } from 'kysely';
import { AT_RISK_MS } from '@contract/repairs';
import type { RepairBoard, RepairBoardQuery, RepairFigures } from '@contract/repairs.schema';
import { addDays, isValidDate, shanghaiDate } from '@contract/workdays';
import type { Database } from '../../db/schema';
import { badRequest } from '../../errors';
import { transactionWithRetry } from '../../lib/retry-transaction';
import { addMs, toInstant, toStored, type Clock } from '../../lib/time';
import type { Person } from '../auth';
import type { MessagesService } from '../messages';
import {
  boardCounts,
  dueForCheck,
  escalateMany,
  figures,
  findTickets,
  insertEvents,
  openByDue,
  peopleWithRole,
  type FigureRow,
} from './repairs.repository';
import { checkAtFor, eventId } from './tickets.service';
import { toTicket } from './ticket-view';

/** Tickets one tick escalates at most (the rest wait for the next tick, soonest first). */
const TICK_BATCH = 200;

const PHASE_WORDS: Record<string, string> = { pending: '派单', assigned: '接单', accepted: '到场', arrived: '完工' };

const round1 = (n: number | null) => (n === null ? null : Math.round(n * 10) / 10);

function toFigures(row: FigureRow): RepairFigures & { id: string; name: string } {
  return {
    id: row.id,
    name: row.name,
    tickets: row.tickets,
    finished: row.finished,
    responseMinutes: row.response_ms === null ? null : round1(row.response_ms / 60_000),
    onsiteMinutes: row.onsite_ms === null ? null : round1(row.onsite_ms / 60_000),
    onTimeRate: row.on_time === null ? null : Math.round(row.on_time * 1000) / 1000,
    averageScore: round1(row.score),
  };
}

/**
 * The SLA clocks: a timer (every instance runs one) finds the tickets whose check time has come
 * through the partial check_at index and escalates each one level — the dispatchers at the
 * deadline, the admins when it is still overdue ADMIN_ESCALATION_AFTER_MS later. Each level is
 * a conditional write (WHERE escalation_level = seen AND check_at = seen), so with several timers
 * at once exactly one escalates it, and its messages are written in that same transaction.
 */
export function createSlaService(deps: {
  db: Kysely<Database>;
  clock: Clock;
  messages: Pick<MessagesService, 'send'>;
  log?: FastifyBaseLogger;
}) {
  const { db, clock, messages, log } = deps;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> = Promise.resolve();

  /**
   * One tick: what is due, read from the check_at index, escalated in one transaction (one commit
   * for the batch, not one per ticket). Each row's write is conditional on the level and check time
   * read, so another instance's tick at the same moment escalates none of them again; on
   * PostgreSQL its update waits for this commit and then finds the row moved on.
   */
  async function tick(): Promise<{ escalated: number }> {
    const now = clock.now();
    const due = await dueForCheck(db, toStored(now), TICK_BATCH);
    if (due.length === 0) return { escalated: 0 };
    return transactionWithRetry(db, async (trx) => {
      const won = await escalateMany(
        trx,
        due.flatMap((seen) =>
          seen.check_at === null
            ? []
            : [{ ...seen, check_at: seen.check_at, next: checkAtFor(seen.escalation_level + 1, seen.due_at) }],
        ),
      );
      if (won.length === 0) return { escalated: 0 };
      const levelOf = new Map(due.map((seen) => [seen.id, seen.escalation_level]));
      const escalatedTickets = await findTickets(trx, won);
      const [dispatchers, admins] = await Promise.all([
        peopleWithRole(trx, 'dispatcher'),
        peopleWithRole(trx, 'admin'),
      ]);
      await insertEvents(
        trx,
        escalatedTickets.map((t) => ({
          id: eventId(),
          ticket_id: t.id,
          kind: 'escalated',
          actor_id: null,
          target_id: null,
          note: (levelOf.get(t.id) ?? 0) >= 1 ? '超时升级：已通知管理员' : '超时：已通知调度',
          photo_ids: '[]',
          created_at: toStored(now),
        })),
      );
      for (const t of escalatedTickets) {
        const toAdmins = (levelOf.get(t.id) ?? 0) >= 1;
        const late = `${t.category_name}（${t.location_text}，${t.number}）超时未${PHASE_WORDS[t.status] ?? '处理'}`;
        for (const personId of toAdmins ? admins : dispatchers) {
          await messages.send(trx, {
            personId,
            title: toAdmins ? '报修超时升级' : '报修工单超时',
            body: `${late}${t.assignee_name ? `，当前处理人：${t.assignee_name}` : '，尚未派单'}。请及时处理。`,
            subject: { kind: 'repair-ticket', id: t.id },
            push: true,
          });
        }
      }
      return { escalated: escalatedTickets.length };
    });
  }

  return {
    tick,

    /** Starts this instance's timer; `close` stops it. A tick never overlaps the one before. */
    start(everyMs: number): void {
      if (timer) return;
      timer = setInterval(() => {
        running = running.then(tick).catch((error: unknown) => log?.error({ err: error }, 'repairs SLA tick failed'));
      }, everyMs);
      timer.unref();
    },

    async close(): Promise<void> {
      if (timer) clearInterval(timer);
      timer = undefined;
      await running;
    },

    /** The dispatcher's board: open tickets against the clock, and figures over a period. */
    async board(person: Person, query: RepairBoardQuery): Promise<RepairBoard> {
      const now = clock.now();
      const today = shanghaiDate(now);
      const to = query.to ?? today;
      const from = query.from ?? addDays(to, -29);
      if (!isValidDate(from) || !isValidDate(to) || from > to) throw badRequest('INVALID_DATE');
      const fromAt = toStored(new Date(`${from}T00:00:00+08:00`));
      const toAt = toStored(new Date(`${addDays(to, 1)}T00:00:00+08:00`));
      const [counts, open, byCategory, byRepairer] = await Promise.all([
        boardCounts(db, toStored(now), toStored(addMs(now, AT_RISK_MS))),
        openByDue(db, 100),
        figures(db, 'category', fromAt, toAt),
        figures(db, 'repairer', fromAt, toAt),
      ]);
      return {
        now: toInstant(now),
        counts,
        open: open.map((t) => toTicket(t, person, now.getTime())),
        period: { from, to },
        byCategory: byCategory.map(toFigures),
        byRepairer: byRepairer.map(toFigures),
      };
    },
  };
}

export type SlaService = ReturnType<typeof createSlaService>;
