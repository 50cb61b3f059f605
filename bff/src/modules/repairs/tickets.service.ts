import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { OPEN_REPAIR_STATUSES, phaseOf, REPAIR_PHOTOS_MAX, type RepairStatus, type SlaPhase } from '@contract/repairs';
import type {
  NewRepair,
  RepairAction,
  RepairListQuery,
  RepairPage,
  RepairTicket,
  RepairTicketDetail,
} from '@contract/repairs.schema';
import { isBlankText, quotedSentence, typedText } from '@contract/text';
import type { Database } from '../../db/schema';
import { DomainError, forbidden, notFound } from '../../errors';
import { newSortableId } from '../../lib/ids';
import { decodeCursor, pageFrom } from '../../lib/page-cursor';
import { transactionWithRetry } from '../../lib/retry-transaction';
import { addMs, toStored, type Clock } from '../../lib/time';
import type { Person } from '../auth';
import type { MessagesService } from '../messages';
import type { UploadsService } from '../uploads';
import { chooseRepairer } from './dispatch';
import {
  decliners,
  findCategory,
  findRoom,
  findTicket,
  findTicketByKey,
  insertEvent,
  insertTicket,
  listEvents,
  listRepairers,
  listTickets,
  NO_PROGRESS,
  peopleWithRole,
  updateTicket,
  type TicketRecord,
} from './repairs.repository';
import type { RepairCategoryRow, RepairTicketsTable } from './repairs.table';
import { isDispatcher, REOPEN_MS, toEvent, toTicket } from './ticket-view';

const MINUTE = 60_000;
/** An overdue ticket still overdue this long after its deadline is escalated to the admins too. */
export const ADMIN_ESCALATION_AFTER_MS = 30 * MINUTE;

const ticketNotFound = () => notFound('REPAIR_TICKET_NOT_FOUND');
const stateConflict = () => new DomainError('REPAIR_STATE_CONFLICT', 409);

/** Whitespace and the invisible characters that make a text look filled while saying nothing. */
/** Free text: control characters refused; blank refused with `blankCode`, or allowed (null) without one. */
function cleanText(text: string | undefined, blankCode?: 'REPAIR_DESCRIPTION_BLANK'): string | null {
  const value = text ?? '';
  const kept = typedText(value, true);
  if (kept !== undefined) return kept;
  if (!isBlankText(value)) throw new DomainError('REPAIR_TEXT_INVALID', 400);
  if (blankCode) throw new DomainError(blankCode, 400);
  return null;
}

/** The promised deadlines of a report made at `from` (urgent: half the time to accept and arrive). */
function deadlines(category: RepairCategoryRow, urgent: boolean, from: Date) {
  const factor = urgent ? 0.5 : 1;
  return {
    accept_due: toStored(addMs(from, Math.ceil(category.accept_minutes * factor * MINUTE))),
    arrive_due: toStored(addMs(from, Math.ceil(category.arrive_minutes * factor * MINUTE))),
    finish_due: toStored(addMs(from, category.finish_hours * 60 * MINUTE)),
  };
}

const dueOf = (phase: SlaPhase, t: Pick<RepairTicketsTable, 'accept_due' | 'arrive_due' | 'finish_due'>) =>
  phase === 'accept' ? t.accept_due : phase === 'arrive' ? t.arrive_due : t.finish_due;

/** When the timer looks next at a ticket due at `due` that reached `level`. */
export function checkAtFor(level: number, due: string | null): string | null {
  if (due === null || level >= 2) return null;
  return level === 0 ? due : toStored(addMs(new Date(due), ADMIN_ESCALATION_AFTER_MS));
}

/**
 * The clock columns for a move to `status`: entering a new phase starts its deadline afresh
 * (escalation level 0); staying in the phase keeps its deadline and escalations; pausing stops
 * the clock (no deadline, nothing to check).
 */
function clockFor(
  from: RepairStatus,
  to: RepairStatus,
  t: Pick<RepairTicketsTable, 'accept_due' | 'arrive_due' | 'finish_due'>,
): Partial<RepairTicketsTable> {
  const phase = phaseOf(to);
  if (phase === null) return { due_at: null, check_at: null };
  if (phaseOf(from) === phase) return {};
  const due = dueOf(phase, t);
  return { due_at: due, check_at: due, escalation_level: 0 };
}

const LIST = {
  mine: 'repairs-mine',
  assigned: 'repairs-assigned',
  queue: 'repairs-queue',
  all: 'repairs-all',
} as const;

export interface TicketsDeps {
  db: Kysely<Database>;
  clock: Clock;
  postgres: boolean;
  messages: Pick<MessagesService, 'send'>;
  uploads: Pick<UploadsService, 'find'>;
}

/**
 * Repair tickets: report (dispatched at once to the least loaded eligible repairer, or queued),
 * read, list, and every step of the state machine. Each change is one transaction, conditional on
 * the version it read, with its timeline row and its messages.
 */
export function createTicketsService(deps: TicketsDeps) {
  const { db, clock, postgres, messages, uploads } = deps;

  /**
   * Messages about a ticket lead to it; `push` also reaches the phone (浙政钉 / WeChat) for what a
   * person must learn without opening the app: a dispatch, a ticket waiting for dispatch, a step the
   * requester is waiting for.
   */
  async function notify(
    trx: Kysely<Database>,
    personIds: readonly string[],
    ticketId: string,
    title: string,
    body: string,
    push = true,
  ) {
    for (const personId of new Set(personIds))
      await messages.send(trx, { personId, title, body, subject: { kind: 'repair-ticket', id: ticketId }, push });
  }

  async function event(
    trx: Kysely<Database>,
    ticketId: string,
    kind: string,
    actorId: string | null,
    extra: { target?: string | null; note?: string | null; photoIds?: string[] } = {},
  ) {
    await insertEvent(trx, {
      id: eventId(),
      ticket_id: ticketId,
      kind,
      actor_id: actorId,
      target_id: extra.target ?? null,
      note: extra.note ?? null,
      photo_ids: JSON.stringify(extra.photoIds ?? []),
      created_at: toStored(clock.now()),
    });
  }

  /** Photos: at most 9, each an upload of the caller's own. */
  async function ownPhotos(person: Person, ids: readonly string[] | undefined): Promise<string[]> {
    const list = [...(ids ?? [])];
    if (list.length > REPAIR_PHOTOS_MAX) throw new DomainError('REPAIR_TOO_MANY_PHOTOS', 400);
    for (const id of list) {
      const upload = await uploads.find(id);
      if (!upload || upload.uploaded_by !== person.id) throw new DomainError('REPAIR_PHOTO_NOT_YOURS', 400);
    }
    return list;
  }

  function mayRead(person: Person, row: TicketRecord): boolean {
    return row.requester_id === person.id || row.assignee_id === person.id || isDispatcher(person);
  }

  async function readable(person: Person, id: string): Promise<TicketRecord> {
    const row = await findTicket(db, id);
    if (!row || !mayRead(person, row)) throw ticketNotFound();
    return row;
  }

  /** `afterStep`: the person just acted on it (a decliner no longer reads it, yet gets the answer of the step). */
  async function detail(person: Person, id: string, afterStep = false): Promise<RepairTicketDetail> {
    const row = afterStep ? await findTicket(db, id) : await readable(person, id);
    if (!row) throw ticketNotFound();
    const events = await listEvents(db, id);
    return { ...toTicket(row, person, clock.now().getTime()), timeline: events.map(toEvent) };
  }

  /** Tells the new assignee, or the dispatchers when the ticket waits in the queue. */
  async function announceDispatch(trx: Kysely<Database>, t: TicketRecord | NewTicketFacts, assignee: string | null) {
    if (assignee !== null) {
      await notify(
        trx,
        [assignee],
        t.id,
        `新的报修工单${t.urgent === 1 ? '（紧急）' : ''}`,
        `${t.category_name}：${t.location_text}，${quotedSentence(t.description, 40)}请在“维修工单”中接单。`,
      );
    } else {
      await notify(
        trx,
        await peopleWithRole(trx, 'dispatcher'),
        t.id,
        '报修工单待派单',
        `${t.category_name}：${t.location_text}，暂无可派的在岗维修工，请手动派单。`,
      );
    }
  }

  /** Automatic dispatch for an existing ticket (decline, reopen). */
  async function pick(
    trx: Kysely<Database>,
    category: RepairCategoryRow,
    row: TicketRecord,
    exclude: string[],
    now: Date,
  ): Promise<string | null> {
    const area = row.room_id === null ? null : ((await findRoom(trx, row.room_id))?.area ?? null);
    return chooseRepairer(trx, { skill: category.skill, area, exclude, now, postgres });
  }

  return {
    async report(person: Person, idempotencyKey: string, input: NewRepair): Promise<RepairTicket> {
      // A repeated press answers the ticket it made; the same key on another report is a client bug.
      const sameReport = (row: TicketRecord) =>
        row.category_id === input.category &&
        row.description === input.description.trim() &&
        row.room_id === (input.locationId ?? null);
      const answerEarlier = (row: TicketRecord) => {
        if (!sameReport(row)) throw new DomainError('IDEMPOTENCY_KEY_REUSED', 422);
        return toTicket(row, person, clock.now().getTime());
      };
      const earlier = await findTicketByKey(db, person.id, idempotencyKey);
      if (earlier) return answerEarlier(earlier);

      const category = await findCategory(db, input.category);
      if (!category || category.active !== 1) throw new DomainError('REPAIR_CATEGORY_NOT_FOUND', 400);
      const description = cleanText(input.description, 'REPAIR_DESCRIPTION_BLANK') as string;
      const typed = cleanText(input.locationText);
      const room = input.locationId === undefined ? undefined : await findRoom(db, input.locationId);
      if (input.locationId !== undefined && !room) throw new DomainError('REPAIR_ROOM_NOT_FOUND', 400);
      if (!room && typed === null) throw new DomainError('REPAIR_LOCATION_REQUIRED', 400);
      const photoIds = await ownPhotos(person, input.photoIds);

      const now = clock.now();
      const id = newSortableId();
      const urgent = input.urgent === true ? 1 : 0;
      const place = room ? `${room.building_name} ${room.floor_name} ${room.room_name}` : '';
      const facts: NewTicketFacts = {
        id,
        category_name: category.name,
        location_text: [place, typed ?? ''].filter((s) => s !== '').join(' · '),
        description,
        urgent,
      };
      const due = deadlines(category, urgent === 1, now);
      const made = await transactionWithRetry(db, async (trx) => {
        const assignee = await chooseRepairer(trx, {
          skill: category.skill,
          area: room?.area ?? null,
          exclude: [],
          now,
          postgres,
        });
        const inserted = await insertTicket(trx, {
          id,
          number: ticketNumber(now, id),
          requester_id: person.id,
          idempotency_key: idempotencyKey,
          category_id: category.id,
          building_id: room?.building_id ?? null,
          room_id: room?.id ?? null,
          location_text: facts.location_text,
          description,
          photo_ids: JSON.stringify(photoIds),
          urgent,
          status: assignee === null ? 'pending' : 'assigned',
          assignee_id: assignee,
          version: 0,
          created_at: toStored(now),
          ...due,
          due_at: due.accept_due,
          check_at: due.accept_due,
          escalation_level: 0,
          ...NO_PROGRESS,
        });
        // The same key sent twice at once: the other request made it; answer with that one.
        if (!inserted) return false;
        await event(trx, id, 'reported', person.id, { note: description, photoIds });
        await event(trx, id, assignee === null ? 'queued' : 'dispatched', null, { target: assignee });
        await announceDispatch(trx, facts, assignee);
        return true;
      });
      const row = made ? await findTicket(db, id) : await findTicketByKey(db, person.id, idempotencyKey);
      if (!row) throw new Error('reported ticket not found');
      return made ? toTicket(row, person, clock.now().getTime()) : answerEarlier(row);
    },

    async list(person: Person, query: RepairListQuery): Promise<RepairPage> {
      const scope = query.scope ?? 'mine';
      if ((scope === 'all' || scope === 'queue') && !isDispatcher(person)) throw forbidden();
      const limit = query.limit ?? 20;
      const filter =
        scope === 'mine'
          ? { by: 'requester_id' as const, personId: person.id, state: query.state }
          : scope === 'assigned'
            ? { by: 'assignee_id' as const, personId: person.id, state: query.state }
            : scope === 'queue'
              ? { by: 'queue' as const }
              : { by: 'all' as const, state: query.state };
      const rows = await listTickets(db, filter, decodeCursor(LIST[scope], query.cursor), limit);
      const page = pageFrom(LIST[scope], rows, limit);
      const nowMs = clock.now().getTime();
      return { items: page.rows.map((r) => toTicket(r, person, nowMs)), nextCursor: page.nextCursor };
    },

    get: (person: Person, id: string) => detail(person, id),

    /**
     * One step of the state machine. Who may take it: the assignee moves the work, the requester
     * cancels, rates and reopens, a dispatcher (or admin) assigns. Anyone who may not read the
     * ticket learns nothing (not found); a reader without the right answers 403; a step the
     * ticket's state does not allow answers 409 and changes nothing.
     */
    async act(person: Person, id: string, action: RepairAction, body: ActionBody): Promise<RepairTicketDetail> {
      const row = await readable(person, id);
      const now = clock.now();
      const at = toStored(now);
      const s = row.status;
      const byAssignee = ['accept', 'decline', 'arrive', 'pause', 'resume', 'finish'].includes(action);
      const byRequester = ['cancel', 'rate', 'reopen'].includes(action);
      if (byAssignee && row.assignee_id !== person.id) throw new DomainError('REPAIR_NOT_ASSIGNEE', 403);
      if (byRequester && row.requester_id !== person.id) throw new DomainError('REPAIR_NOT_REQUESTER', 403);
      if (action === 'assign' && !isDispatcher(person)) throw forbidden();

      const requester = row.requester_id;
      const run = (work: (trx: Kysely<Database>) => Promise<void>) => transactionWithRetry(db, work);
      /** The conditional write every step makes: it loses to any change made since `row` was read. */
      const write = async (trx: Kysely<Database>, set: Partial<RepairTicketsTable>) => {
        if (!(await updateTicket(trx, id, row.version, set))) throw stateConflict();
      };
      const need = (...allowed: RepairStatus[]) => {
        if (!allowed.includes(s)) throw stateConflict();
      };

      switch (action) {
        case 'accept':
          need('assigned');
          await run(async (trx) => {
            await write(trx, {
              status: 'accepted',
              accepted_at: at,
              response_ms: now.getTime() - Date.parse(row.created_at),
              ...clockFor(s, 'accepted', row),
            });
            await event(trx, id, 'accepted', person.id);
            await notify(
              trx,
              [requester],
              id,
              '报修已接单',
              `${person.name}已接单（${row.category_name}，${row.location_text}），将按时到场。`,
            );
          });
          break;
        case 'decline': {
          need('assigned');
          const reason = cleanText(body.reason);
          await run(async (trx) => {
            const exclude = [...(await decliners(trx, id)), person.id];
            const category = await findCategory(trx, row.category_id);
            const next = category ? await pick(trx, category, row, exclude, now) : null;
            await write(trx, { status: next === null ? 'pending' : 'assigned', assignee_id: next });
            await event(trx, id, 'declined', person.id, { note: reason });
            await event(trx, id, next === null ? 'queued' : 'dispatched', null, { target: next });
            await announceDispatch(trx, row, next);
          });
          break;
        }
        case 'arrive':
          need('accepted');
          await run(async (trx) => {
            await write(trx, {
              status: 'arrived',
              arrived_at: at,
              onsite_ms: now.getTime() - Date.parse(row.created_at),
              ...clockFor(s, 'arrived', row),
            });
            await event(trx, id, 'arrived', person.id);
            await notify(trx, [requester], id, '维修师傅已到场', `${person.name}已到达${row.location_text}。`);
          });
          break;
        case 'pause': {
          need('arrived');
          const reason = cleanText(body.reason);
          await run(async (trx) => {
            await write(trx, { status: 'paused', paused_at: at, ...clockFor(s, 'paused', row) });
            await event(trx, id, 'paused', person.id, { note: reason });
            await notify(
              trx,
              [requester],
              id,
              '维修暂停',
              `等待配件：${quotedSentence(reason ?? '维修师傅暂停了维修', 60)}计时已暂停。`,
            );
          });
          break;
        }
        case 'resume': {
          need('paused');
          // The paused time is added to the deadline: the clock stood still while waiting for parts.
          const pausedMs = row.paused_at === null ? 0 : Math.max(0, now.getTime() - Date.parse(row.paused_at));
          const finishDue = toStored(addMs(new Date(row.finish_due), pausedMs));
          await run(async (trx) => {
            await write(trx, {
              status: 'arrived',
              paused_at: null,
              finish_due: finishDue,
              due_at: finishDue,
              check_at: checkAtFor(row.escalation_level, finishDue),
            });
            await event(trx, id, 'resumed', person.id);
          });
          break;
        }
        case 'finish': {
          need('arrived');
          const note = cleanText(body.note);
          const photoIds = await ownPhotos(person, body.photoIds);
          const onTime =
            row.accepted_at !== null &&
            row.accepted_at <= row.accept_due &&
            row.arrived_at !== null &&
            row.arrived_at <= row.arrive_due &&
            at <= row.finish_due;
          await run(async (trx) => {
            await write(trx, {
              status: 'finished',
              finished_at: at,
              closed_at: at,
              on_time: onTime ? 1 : 0,
              finish_note: note,
              finish_photo_ids: JSON.stringify(photoIds),
              ...clockFor(s, 'finished', row),
            });
            await event(trx, id, 'finished', person.id, { note, photoIds });
            await notify(
              trx,
              [requester],
              id,
              '报修已完工，请评价',
              `${row.category_name}（${row.location_text}）已修好。请在“报修服务”中评价；未修好可在 7 天内返修。`,
            );
          });
          break;
        }
        case 'cancel': {
          need('pending', 'assigned');
          const reason = cleanText(body.reason);
          await run(async (trx) => {
            await write(trx, { status: 'cancelled', closed_at: at, ...clockFor(s, 'cancelled', row) });
            await event(trx, id, 'cancelled', person.id, { note: reason });
            if (row.assignee_id)
              await notify(
                trx,
                [row.assignee_id],
                id,
                '报修已取消',
                `${row.location_text}的报修已被报修人取消。`,
                false,
              );
          });
          break;
        }
        case 'rate': {
          if (s !== 'finished') throw new DomainError('REPAIR_NOT_FINISHED', 409);
          if (row.score !== null) throw new DomainError('REPAIR_ALREADY_RATED', 409);
          const score = body.score ?? 0;
          if (!Number.isInteger(score) || score < 1 || score > 5) throw new DomainError('REPAIR_RATING_INVALID', 400);
          const comment = cleanText(body.comment);
          try {
            await run(async (trx) => {
              await write(trx, { score, comment });
              await event(trx, id, 'rated', person.id, { note: `${score} 分${comment ? `：${comment}` : ''}` });
            });
          } catch (error) {
            // Two ratings at once: the loser learns it was already rated.
            const now2 = await findTicket(db, id);
            if (error instanceof DomainError && now2?.score !== null)
              throw new DomainError('REPAIR_ALREADY_RATED', 409);
            throw error;
          }
          break;
        }
        case 'reopen': {
          if (s !== 'finished') throw stateConflict();
          if (row.finished_at === null || now.getTime() > Date.parse(row.finished_at) + REOPEN_MS)
            throw new DomainError('REPAIR_REOPEN_EXPIRED', 409);
          const reason = cleanText(body.reason);
          const category = await findCategory(db, row.category_id);
          if (!category) throw stateConflict();
          const due = deadlines(category, row.urgent === 1, now);
          await run(async (trx) => {
            // Back to the same repairer while they are still one; otherwise to automatic dispatch.
            const same =
              row.assignee_id !== null && (await listRepairers(trx, row.assignee_id)).length === 1
                ? row.assignee_id
                : null;
            const next = same ?? (await pick(trx, category, row, [], now));
            await write(trx, {
              status: next === null ? 'pending' : 'assigned',
              assignee_id: next,
              ...due,
              due_at: due.accept_due,
              check_at: due.accept_due,
              escalation_level: 0,
              // Progress starts again; the finish note and photos of the first visit stay on the timeline.
              ...NO_PROGRESS,
            });
            await event(trx, id, 'reopened', person.id, { note: reason });
            await event(trx, id, next === null ? 'queued' : 'dispatched', null, { target: next });
            await announceDispatch(trx, row, next);
          });
          break;
        }
        case 'assign': {
          if (!OPEN_REPAIR_STATUSES.includes(s)) throw stateConflict();
          const target = body.personId ?? '';
          if ((await listRepairers(db, target)).length !== 1) throw notFound('REPAIRER_NOT_FOUND');
          if (body.version !== undefined && body.version !== row.version) throw stateConflict();
          const category = await findCategory(db, row.category_id);
          // Moved out of work already begun: the new repairer gets a fresh window to accept.
          const fresh =
            phaseOf(s) !== 'accept' && category
              ? toStored(addMs(now, Math.ceil(category.accept_minutes * (row.urgent === 1 ? 0.5 : 1) * MINUTE)))
              : null;
          await run(async (trx) => {
            await write(trx, {
              status: 'assigned',
              assignee_id: target,
              paused_at: null,
              accepted_at: null,
              arrived_at: null,
              ...(fresh === null
                ? clockFor(s, 'assigned', row)
                : { accept_due: fresh, due_at: fresh, check_at: fresh, escalation_level: 0 }),
            });
            await event(trx, id, 'assigned', person.id, { target });
            await announceDispatch(trx, row, target);
            if (row.assignee_id && row.assignee_id !== target)
              await notify(
                trx,
                [row.assignee_id],
                id,
                '报修工单已改派',
                `${row.location_text}的工单已改派给其他维修工。`,
                false,
              );
          });
          break;
        }
      }
      return detail(person, id, true);
    },
  };
}

let lastMs = 0;
let sequence = 0;
/**
 * Timeline ids sort in the order the steps were written, also within one millisecond (a report and
 * its dispatch): the time, a counter, then random bits so two instances never collide.
 */
export function eventId(): string {
  const ms = Date.now();
  sequence = ms === lastMs ? sequence + 1 : 0;
  lastMs = ms;
  return `${ms.toString(16).padStart(12, '0')}-${sequence.toString(16).padStart(6, '0')}-${randomUUID().slice(0, 8)}`;
}

interface NewTicketFacts {
  id: string;
  category_name: string;
  location_text: string;
  description: string;
  urgent: number;
}

/** The bodies of the steps, all optional (each step reads its own). */
export interface ActionBody {
  reason?: string;
  note?: string;
  photoIds?: string[];
  score?: number;
  comment?: string;
  personId?: string;
  version?: number;
}

/** BX + the Shanghai date and minute + four characters of the id: short enough to read out. */
function ticketNumber(now: Date, id: string): string {
  const local = new Date(now.getTime() + 8 * 60 * MINUTE).toISOString();
  return `BX${local.slice(2, 4)}${local.slice(5, 7)}${local.slice(8, 10)}${local.slice(11, 13)}${local.slice(14, 16)}${id.slice(-4).toUpperCase()}`;
}

export type TicketsService = ReturnType<typeof createTicketsService>;
