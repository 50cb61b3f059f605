import { randomInt } from 'node:crypto';
import type { Kysely } from 'kysely';
import {
  isValidIdNumber,
  isValidMobile,
  maskIdNumber,
  maskMobile,
  maskName,
  normalizeIdNumber,
} from '@contract/identity';
import { monthDayText } from '@contract/date-words';
import { maskPlate, parsePlate } from '@contract/plate';
import { addDays, shanghaiDate, shanghaiInstant } from '@contract/workdays';
import {
  PASS_CODE_ALPHABET,
  VISIT_LIMITS,
  VISITOR_PRIVACY_NOTICE,
  type AcceptInvitation,
  type AuditAction,
  type AuditPage,
  type BlockPage,
  type GuardListQuery,
  type HostList,
  type InvitationCreated,
  type InvitationView,
  type NewApplication,
  type NewBlock,
  type NewInvitation,
  type NewWalkIn,
  type PrivacyNotice,
  type ScanResult,
  type Visit,
  type VisitListQuery,
  type VisitPage,
  type VisitStatus,
} from '@contract/visitors.schema';
import { quotedSentence, typedText } from '@contract/text';
import type { Database } from '../../db/schema';
import { DomainError, forbidden, notFound } from '../../errors';
import { newSortableId } from '../../lib/ids';
import { decodeCursor, pageFrom } from '../../lib/page-cursor';
import { transactionWithRetry } from '../../lib/retry-transaction';
import { toInstant, toStored, type Clock } from '../../lib/time';
import type { Person } from '../auth';
import type { MessagesService } from '../messages';
import type { ParkingService } from '../parking';
import type { PersonalData } from './personal-data';
import * as repo from './visitors.repository';
import type { VisitRecord } from './visitors.repository';
import type { PersonalFields, VisitRow } from './visitors.table';

const visitNotFound = () => notFound('VISIT_NOT_FOUND');
const bad = (code: ConstructorParameters<typeof DomainError>[0]) => new DomainError(code, 400);

/** Invisible characters that make a text look filled while saying nothing. */
/** One line of free text (a purpose, a reason, a name), not blank. */
function text(value: string): string {
  const kept = typedText(value, false);
  if (kept === undefined) throw bad('VISIT_TEXT_INVALID');
  return kept;
}

const PASS_PREFIX = 'VP1';
const INVITE_PREFIX = 'VI1';
const LIST = { host: 'visits-host', visitor: 'visits-visitor' } as const;
const AUDIT_RETENTION_DAYS = 183;

export type Reader = 'host' | 'visitor' | 'guard' | 'admin';

/**
 * Visitors (访客预约): invitations, applications, approvals, the pass and the guard's scan, walk-ins,
 * the block list and the audit log. Personal data is sealed at rest (personal-data.ts), masked in
 * every answer, and cleared after the campus's retention period by `purgeExpired`.
 */
export function createVisitorsService(deps: {
  db: Kysely<Database>;
  clock: Clock;
  crypto: PersonalData;
  messages: Pick<MessagesService, 'send'>;
  /** Visitors' cars: the gate's whitelist and the visitor lot, through parking's face. */
  parking: Pick<ParkingService, 'whitelistVisitorCar' | 'removeVisitorCar' | 'forgetVisitorCars'>;
  /** A scan this soon after the check-in is a double scan (two guards, a shaky hand) unless the guard confirms check-out. */
  rescanMs: number;
}) {
  const { db, clock, crypto, messages, parking, rescanMs } = deps;
  const now = () => clock.now();

  const passToken = (id: string) => `${PASS_PREFIX}.${id}.${crypto.sign('pass', id)}`;

  /**
   * A person's campus and a campus's settings change rarely and are read by every scan: each is
   * remembered for a minute in this instance (a changed setting reaches every instance within it).
   */
  const MEMO_MS = 60_000;
  const memo = new Map<string, { value: unknown; until: number }>();
  async function remembered<T>(key: string, load: () => Promise<T>): Promise<T> {
    const hit = memo.get(key);
    const t = Date.now();
    if (hit && hit.until > t) return hit.value as T;
    const value = await load();
    if (memo.size > 10_000) memo.clear();
    memo.set(key, { value, until: t + MEMO_MS });
    return value;
  }
  const settingsOf = (campusId: string) => remembered(`settings:${campusId}`, () => repo.findSettings(db, campusId));

  function toVisit(row: VisitRecord, as: Reader): Visit {
    const insider = as !== 'visitor';
    const usable = row.status === 'approved' || row.status === 'checked-in';
    return {
      id: row.id,
      origin: row.origin,
      status: row.status,
      date: row.date,
      startsAt: toInstant(row.starts_at),
      endsAt: toInstant(row.ends_at),
      purpose: row.purpose,
      companions: row.companions,
      host: { name: row.host_name, unit: row.host_unit },
      visitor: { name: row.name_masked, phone: row.phone_masked, idNumber: row.id_masked, plate: row.plate_masked },
      place: row.host_unit,
      declineReason: row.decline_reason,
      overrideReason: row.override_reason,
      checkedInAt: row.checked_in_at ? toInstant(row.checked_in_at) : null,
      checkedOutAt: row.checked_out_at ? toInstant(row.checked_out_at) : null,
      flagged: insider && row.flagged === 1,
      visitsBefore: insider ? row.visits_before : 0,
      as,
      pass: as === 'visitor' && usable && row.pass_code ? { qr: passToken(row.id), code: row.pass_code } : null,
      purged: row.purged_at !== null,
      createdAt: toInstant(row.created_at),
    };
  }

  async function audit(
    trx: Kysely<Database>,
    entry: {
      campusId: string;
      actor: Person | null;
      role: string;
      action: AuditAction;
      visitId: string | null;
      detail?: string;
    },
  ) {
    await repo.insertAudit(trx, {
      id: newSortableId(),
      campus_id: entry.campusId,
      at: toStored(now()),
      actor_id: entry.actor?.id ?? null,
      actor_role: entry.role,
      action: entry.action,
      visit_id: entry.visitId,
      detail: entry.detail ?? '',
    });
  }

  async function campusOf(person: Person): Promise<string> {
    const campus = await remembered(`campus:${person.id}`, () => repo.campusOf(db, person.id));
    if (!campus) throw visitNotFound();
    return campus;
  }

  /** The window of a day, checked: 'HH:mm' to 'HH:mm' in Shanghai, ending after now, within 30 days. */
  function windowOf(date: string, startsAt: string, endsAt: string) {
    const today = shanghaiDate(now());
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || Number.isNaN(Date.parse(`${date}T00:00:00Z`))) throw bad('INVALID_DATE');
    if (endsAt <= startsAt) throw bad('VISIT_WINDOW_INVALID');
    if (date > addDays(today, VISIT_LIMITS.daysAhead)) throw bad('VISIT_TOO_FAR_AHEAD');
    const start = shanghaiInstant(date, startsAt);
    const end = shanghaiInstant(date, endsAt);
    if (Number.isNaN(start.getTime()) || shanghaiDate(start) !== date) throw bad('INVALID_DATE');
    if (end.getTime() <= now().getTime()) throw bad('VISIT_WINDOW_PAST');
    return { starts_at: toStored(start), ends_at: toStored(end) };
  }

  /** The visitor's personal fields checked, sealed, masked and hashed; flagged when on the block list. */
  async function personal(
    campusId: string,
    input: { visitorName: string; visitorPhone: string; idNumber?: string; plate?: string },
    requireId: boolean,
  ) {
    const name = text(input.visitorName);
    const phone = input.visitorPhone.trim();
    if (!isValidMobile(phone)) throw bad('MOBILE_INVALID');
    const idNumber = input.idNumber === undefined ? undefined : normalizeIdNumber(input.idNumber);
    if (idNumber !== undefined && !isValidIdNumber(idNumber, shanghaiDate(now()))) throw bad('ID_NUMBER_INVALID');
    if (requireId && idNumber === undefined) throw bad('ID_NUMBER_REQUIRED');
    // The shared plate rule (contract/plate.ts) and parking's code: the plate is kept as the gate reads it.
    const plate = input.plate === undefined ? undefined : (parsePlate(input.plate) ?? undefined);
    if (input.plate !== undefined && plate === undefined) throw bad('PLATE_INVALID');
    const fields: PersonalFields = { name, phone, ...(idNumber ? { idNumber } : {}), ...(plate ? { plate } : {}) };
    const phoneHash = crypto.hash('phone', phone);
    const idHash = idNumber ? crypto.hash('id', idNumber) : null;
    const flagged =
      (await repo.findBlock(db, campusId, 'phone', phoneHash)) !== undefined ||
      (idHash !== null && (await repo.findBlock(db, campusId, 'id', idHash)) !== undefined);
    return {
      personal_enc: crypto.seal(JSON.stringify(fields)),
      name_masked: maskName(name),
      phone_masked: maskMobile(phone),
      id_masked: idNumber ? maskIdNumber(idNumber) : null,
      plate_masked: plate ? maskPlate(plate) : null,
      phone_hash: phoneHash,
      id_hash: idHash,
      flagged: flagged ? 1 : 0,
      visits_before: await repo.countVisitsByPhone(db, phoneHash),
    };
  }

  const newPassCode = () =>
    Array.from(
      { length: VISIT_LIMITS.passCodeLength },
      () => PASS_CODE_ALPHABET[randomInt(PASS_CODE_ALPHABET.length)],
    ).join('');

  function baseRow(
    id: string,
    campusId: string,
    fields: Pick<
      VisitRow,
      'host_id' | 'visitor_id' | 'origin' | 'status' | 'date' | 'starts_at' | 'ends_at' | 'purpose' | 'companions'
    >,
  ): Omit<VisitRow, keyof Awaited<ReturnType<typeof personal>>> {
    return {
      id,
      campus_id: campusId,
      ...fields,
      privacy_version: null,
      privacy_agreed_at: null,
      pass_code: newPassCode(),
      decline_reason: null,
      override_reason: null,
      decided_by: null,
      decided_at: null,
      checked_in_at: null,
      checked_in_by: null,
      checked_out_at: null,
      checked_out_by: null,
      visitor_deleted: 0,
      purged_at: null,
      created_at: toStored(now()),
    };
  }

  function agreed(version: string) {
    if (version !== VISITOR_PRIVACY_NOTICE.version) throw bad('PRIVACY_NOT_AGREED');
    return { privacy_version: version, privacy_agreed_at: toStored(now()) };
  }

  async function readAs(person: Person, id: string): Promise<{ row: VisitRecord; as: Reader }> {
    const row = await repo.findVisit(db, id);
    if (!row) throw visitNotFound();
    if (row.host_id === person.id) return { row, as: 'host' };
    if (row.visitor_id === person.id && row.visitor_deleted === 0) return { row, as: 'visitor' };
    if (person.roles.includes('guard') && row.campus_id === (await campusOf(person))) return { row, as: 'guard' };
    throw visitNotFound();
  }

  async function answer(id: string, as: Reader): Promise<Visit> {
    const row = await repo.findVisit(db, id);
    if (!row) throw visitNotFound();
    return toVisit(row, as);
  }

  function inviteToken(id: string, endsAt: string): string {
    const exp = Math.floor(new Date(endsAt).getTime() / 1000).toString(36);
    const payload = `${id}.${exp}`;
    return `${INVITE_PREFIX}.${payload}.${crypto.sign('invite', payload)}`;
  }

  /** The visit an invitation token names, when its signature holds and it has not expired. */
  async function invited(token: string): Promise<VisitRecord> {
    const parts = token.split('.');
    if (parts.length !== 4 || parts[0] !== INVITE_PREFIX) throw bad('INVITE_INVALID');
    const [, id, exp, sig] = parts;
    if (!crypto.verify('invite', `${id}.${exp}`, sig)) throw bad('INVITE_INVALID');
    if (parseInt(exp, 36) * 1000 <= now().getTime()) throw new DomainError('INVITE_EXPIRED', 410);
    const row = await repo.findVisit(db, id);
    if (!row) throw bad('INVITE_INVALID');
    return row;
  }

  /** Tells the host; flagged visitors say so in the message too. */
  async function tellHost(
    trx: Kysely<Database>,
    row: Pick<VisitRow, 'host_id' | 'name_masked' | 'flagged' | 'date' | 'id'>,
    title: string,
    body: string,
  ) {
    await messages.send(trx, {
      personId: row.host_id,
      subject: { kind: 'visit', id: row.id },
      // The host learns of an arrival or a waiting visitor without opening the app.
      push: true,
      title,
      body: row.flagged === 1 ? `${body}（注意：该访客在限制名单中，请核实）` : body,
    });
  }

  /**
   * A visit just approved: its car (if it came with one) gets a space in the visitor lot and its
   * plate goes on the gate's whitelist for the pass's window, tolerance included (kept within the
   * visit's day, as parking books one day), in the approval's transaction.
   * A full visitor lot refuses the approval (VISIT_PARKING_FULL) rather than approving without the
   * car: a visitor told "approved" would otherwise drive to a barrier that stays shut. The refusal
   * reaches the approver while they can still act (another time, or the visit without the car).
   */
  async function whitelistCar(
    trx: Kysely<Database>,
    row: Pick<VisitRow, 'id' | 'campus_id' | 'date' | 'starts_at' | 'ends_at' | 'plate_masked' | 'personal_enc'>,
  ): Promise<void> {
    if (!row.plate_masked || !row.personal_enc) return;
    const { plate } = JSON.parse(crypto.open(row.personal_enc)) as PersonalFields;
    if (!plate) return;
    // Read in the transaction: on SQLite its one connection is held by it (a read on `db` would wait forever).
    const tolerance = (await repo.findSettings(trx, row.campus_id)).tolerance_minutes * 60_000;
    const dayStart = shanghaiInstant(row.date, '00:00').getTime();
    const dayEnd = shanghaiInstant(addDays(row.date, 1), '00:00').getTime();
    const from = Math.max(dayStart, new Date(row.starts_at).getTime() - tolerance);
    const to = Math.min(dayEnd, new Date(row.ends_at).getTime() + tolerance);
    try {
      await parking.whitelistVisitorCar(trx, {
        visitId: row.id,
        campusId: row.campus_id,
        plate,
        validFrom: new Date(from).toISOString(),
        validTo: new Date(to).toISOString(),
      });
    } catch (e) {
      if (e instanceof DomainError && e.code === 'PARKING_FULL') throw new DomainError('VISIT_PARKING_FULL', 409);
      throw e;
    }
  }

  /** A visit that ended its course (cancelled, declined, deleted, checked out): its car leaves the whitelist. */
  async function releaseCar(trx: Kysely<Database>, row: Pick<VisitRow, 'id' | 'plate_masked'>): Promise<void> {
    // Only visits that came with a car: the guard's scan stays one write for the rest.
    if (row.plate_masked) await parking.removeVisitorCar(trx, row.id);
  }

  async function decide(person: Person, id: string, approve: boolean, reason?: string): Promise<Visit> {
    const { row, as } = await readAs(person, id);
    if (as !== 'host') throw new DomainError('NOT_VISIT_HOST', 403);
    const why = approve ? null : text(reason ?? '');
    await transactionWithRetry(db, async (trx) => {
      const moved = await repo.moveVisit(trx, id, ['pending'], {
        status: approve ? 'approved' : 'declined',
        decline_reason: why,
        decided_by: person.id,
        decided_at: toStored(now()),
      });
      if (!moved) throw new DomainError('VISIT_NOT_PENDING', 409);
      if (approve) await whitelistCar(trx, row);
      else await releaseCar(trx, row);
      await audit(trx, {
        campusId: row.campus_id,
        actor: person,
        role: 'host',
        action: approve ? 'approve' : 'decline',
        visitId: id,
        detail: why ?? '',
      });
      if (row.visitor_id) {
        await messages.send(trx, {
          personId: row.visitor_id,
          subject: { kind: 'visit', id },
          push: true,
          title: approve ? '来访申请已通过' : '来访申请未通过',
          body: approve
            ? `${row.host_name}已同意您 ${monthDayText(row.date)} 的来访，请在“我的来访”中出示通行码。`
            : `${row.host_name}未同意您 ${monthDayText(row.date)} 的来访：${why ?? ''}`,
        });
      }
    });
    return answer(id, 'host');
  }

  /** Why a pass cannot be used now, or undefined when it can. */
  function refusal(row: VisitRecord, toleranceMs: number): ConstructorParameters<typeof DomainError>[0] | undefined {
    const t = now().getTime();
    switch (row.status) {
      case 'pending':
      case 'invited':
        return 'PASS_PENDING';
      case 'declined':
        return 'PASS_DECLINED';
      case 'cancelled':
        return 'PASS_CANCELLED';
      case 'checked-out':
        return 'PASS_USED';
      case 'checked-in':
        return undefined; // leaving is always allowed, also when overdue
      default:
        if (t < new Date(row.starts_at).getTime() - toleranceMs) return 'PASS_NOT_YET_VALID';
        if (t > new Date(row.ends_at).getTime() + toleranceMs) return 'PASS_EXPIRED';
        return undefined;
    }
  }

  async function findPass(pass: string): Promise<VisitRecord> {
    const given = pass.trim();
    if (given.startsWith(`${PASS_PREFIX}.`)) {
      const parts = given.split('.');
      if (parts.length !== 3 || !crypto.verify('pass', parts[1], parts[2])) throw bad('PASS_INVALID');
      const row = await repo.findVisit(db, parts[1]);
      if (!row) throw bad('PASS_INVALID');
      return row;
    }
    const code = given.toUpperCase();
    if (code.length !== VISIT_LIMITS.passCodeLength || [...code].some((c) => !PASS_CODE_ALPHABET.includes(c)))
      throw bad('PASS_INVALID');
    const row = await repo.findVisitByCode(db, code);
    if (!row) throw bad('PASS_INVALID');
    return row;
  }

  async function guardCampus(person: Person): Promise<string> {
    if (!person.roles.includes('guard')) throw forbidden();
    return campusOf(person);
  }

  return {
    /** Read before signing in (an invitation, an application): the first campus's terms. */
    async privacy(): Promise<PrivacyNotice> {
      const campus = await repo.firstCampus(db);
      const settings = await repo.findSettings(db, campus ?? '');
      return {
        ...VISITOR_PRIVACY_NOTICE,
        paragraphs: [...VISITOR_PRIVACY_NOTICE.paragraphs],
        retentionDays: settings.retention_days,
        requiresIdNumber: settings.requires_id_number === 1,
      };
    },

    async units(): Promise<{ items: string[] }> {
      return { items: await repo.hostUnits(db) };
    },

    async hosts(unit: string, q: string | undefined): Promise<HostList> {
      return { items: await repo.searchHosts(db, unit, q?.trim() || undefined, 30) };
    },

    /** The host invites: the visit is approved by its host from the start and waits for the visitor. */
    async invite(person: Person, input: NewInvitation): Promise<InvitationCreated> {
      if (!person.roles.includes('staff') && !person.roles.includes('admin')) throw forbidden();
      const campusId = await campusOf(person);
      const window = windowOf(input.date, input.startsAt, input.endsAt);
      const purpose = text(input.purpose);
      const fields = await personal(campusId, input, false);
      const id = newSortableId();
      await transactionWithRetry(db, async (trx) => {
        await repo.insertVisit(trx, {
          ...baseRow(id, campusId, {
            host_id: person.id,
            visitor_id: null,
            origin: 'invite',
            status: 'invited',
            date: input.date,
            ...window,
            purpose,
            companions: input.companions ?? 0,
          }),
          ...fields,
        });
        await audit(trx, { campusId, actor: person, role: 'host', action: 'invite', visitId: id });
      });
      const token = inviteToken(id, window.ends_at);
      return {
        visit: await answer(id, 'host'),
        token,
        inviteUrl: `/packages/visitors/pages/invitation/index?token=${encodeURIComponent(token)}`,
      };
    },

    /** What an invitation shows before sign-in: the host, place, time, and the visitor's masked name. */
    async openInvitation(token: string): Promise<InvitationView> {
      const row = await invited(token);
      const settings = await repo.findSettings(db, row.campus_id);
      return {
        hostName: row.host_name,
        hostUnit: row.host_unit,
        place: row.host_unit,
        date: row.date,
        startsAt: toInstant(row.starts_at),
        endsAt: toInstant(row.ends_at),
        purpose: row.purpose,
        visitorName: row.name_masked,
        status: row.status,
        requiresIdNumber: settings.requires_id_number === 1,
      };
    },

    /** The visitor (signed in) accepts: agrees to the notice, the visit becomes theirs and its pass works. */
    async acceptInvitation(person: Person, token: string, input: AcceptInvitation): Promise<Visit> {
      const row = await invited(token);
      const consent = agreed(input.privacyVersion);
      const settings = await repo.findSettings(db, row.campus_id);
      let extra: Partial<VisitRow> = {};
      if (input.idNumber !== undefined || settings.requires_id_number === 1) {
        if (!row.personal_enc) throw new DomainError('INVITE_INVALID', 400);
        const fields = JSON.parse(crypto.open(row.personal_enc)) as PersonalFields;
        const p = await personal(
          row.campus_id,
          { visitorName: fields.name, visitorPhone: fields.phone, plate: fields.plate, idNumber: input.idNumber },
          settings.requires_id_number === 1,
        );
        extra = { personal_enc: p.personal_enc, id_masked: p.id_masked, id_hash: p.id_hash, flagged: p.flagged };
      }
      await transactionWithRetry(db, async (trx) => {
        const moved = await repo.moveVisit(trx, row.id, ['invited'], {
          status: 'approved',
          visitor_id: person.id,
          ...consent,
          ...extra,
        });
        if (!moved) throw new DomainError('INVITE_TAKEN', 409);
        await whitelistCar(trx, { ...row, ...extra });
        await audit(trx, {
          campusId: row.campus_id,
          actor: person,
          role: 'visitor',
          action: 'accept',
          visitId: row.id,
        });
        await tellHost(
          trx,
          { ...row, ...extra },
          '访客已接受邀请',
          `您邀请的访客${row.name_masked ?? ''}已接受 ${monthDayText(row.date)} 的来访邀请。`,
        );
      });
      return answer(row.id, 'visitor');
    },

    /** A visitor applies to a host; the host approves or declines. */
    async apply(person: Person, input: NewApplication): Promise<Visit> {
      const host = await repo.findHost(db, input.hostId);
      if (!host) throw notFound('HOST_NOT_FOUND');
      const campusId = await campusOf({ ...person, id: host.id });
      const settings = await repo.findSettings(db, campusId);
      const consent = agreed(input.privacyVersion);
      const window = windowOf(input.date, input.startsAt, input.endsAt);
      const purpose = text(input.purpose);
      const fields = await personal(campusId, input, settings.requires_id_number === 1);
      const id = newSortableId();
      await transactionWithRetry(db, async (trx) => {
        await repo.insertVisit(trx, {
          ...baseRow(id, campusId, {
            host_id: host.id,
            visitor_id: person.id,
            origin: 'application',
            status: 'pending',
            date: input.date,
            ...window,
            purpose,
            companions: input.companions ?? 0,
          }),
          ...fields,
          ...consent,
        });
        await audit(trx, { campusId, actor: person, role: 'visitor', action: 'apply', visitId: id });
        await tellHost(
          trx,
          { ...fields, host_id: host.id, date: input.date, id },
          '新的来访申请',
          `访客${fields.name_masked}申请 ${monthDayText(input.date)} 来访：${quotedSentence(purpose, 60)}请在“访客预约”中审批。`,
        );
      });
      return answer(id, 'visitor');
    },

    approve: (person: Person, id: string) => decide(person, id, true),
    decline: (person: Person, id: string, reason: string) => decide(person, id, false, reason),

    async get(person: Person, id: string): Promise<Visit> {
      const { row, as } = await readAs(person, id);
      return toVisit(row, as);
    },

    async list(person: Person, query: VisitListQuery): Promise<VisitPage> {
      const staff = person.roles.includes('staff') || person.roles.includes('admin');
      const as = query.as ?? (staff ? 'host' : 'visitor');
      const limit = query.limit ?? 20;
      const rows = await repo.listVisits(
        db,
        { by: as === 'host' ? 'host_id' : 'visitor_id', personId: person.id, date: query.date },
        decodeCursor(LIST[as], query.cursor),
        limit,
      );
      const page = pageFrom(LIST[as], rows, limit);
      return { items: page.rows.map((r) => toVisit(r, as)), nextCursor: page.nextCursor };
    },

    /** The visitor cancels their own visit (or the host one addressed to them) before it is over. */
    async cancel(person: Person, id: string): Promise<Visit> {
      const { row, as } = await readAs(person, id);
      if (as !== 'visitor' && as !== 'host') throw visitNotFound();
      await transactionWithRetry(db, async (trx) => {
        const moved = await repo.moveVisit(trx, id, ['invited', 'pending', 'approved'], { status: 'cancelled' });
        if (!moved) throw new DomainError('VISIT_NOT_CANCELLABLE', 409);
        await releaseCar(trx, row);
        await audit(trx, { campusId: row.campus_id, actor: person, role: as, action: 'cancel', visitId: id });
        if (as === 'visitor')
          await tellHost(
            trx,
            row,
            '访客已取消来访',
            `访客${row.name_masked ?? ''}取消了 ${monthDayText(row.date)} 的来访。`,
          );
      });
      return answer(id, as);
    },

    /** The visitor deletes a past visit: its personal fields go now, the statistics keep the rest. */
    async remove(person: Person, id: string): Promise<void> {
      const { row, as } = await readAs(person, id);
      if (as !== 'visitor') throw visitNotFound();
      // Over means no guard can scan it any more: ended, or past its window and the tolerance.
      const tolerance = (await settingsOf(row.campus_id)).tolerance_minutes * 60_000;
      const over =
        ['declined', 'cancelled', 'checked-out'].includes(row.status) ||
        (row.status !== 'checked-in' && new Date(row.ends_at).getTime() + tolerance < now().getTime());
      if (!over) throw new DomainError('VISIT_NOT_DELETABLE', 409);
      await transactionWithRetry(db, async (trx) => {
        // From the status read: a scan that moved it meanwhile wins, and the delete is refused.
        const cleared = await trx
          .updateTable('visits')
          .set({ ...repo.PERSONAL_CLEARED, visitor_deleted: 1, purged_at: toStored(now()) })
          .where('id', '=', id)
          .where('status', '=', row.status)
          .executeTakeFirst();
        if (Number(cleared.numUpdatedRows) !== 1) throw new DomainError('VISIT_NOT_DELETABLE', 409);
        await releaseCar(trx, row);
        await parking.forgetVisitorCars(trx, [id]);
        await audit(trx, { campusId: row.campus_id, actor: person, role: 'visitor', action: 'delete', visitId: id });
      });
    },

    /** The guard's lists: today's expected visitors by time, those on site, those overdue. */
    async guardList(person: Person, query: GuardListQuery): Promise<VisitPage> {
      const campusId = await guardCampus(person);
      const view = query.view ?? 'expected';
      const list = `visits-guard-${view}`;
      const limit = query.limit ?? 50;
      const rows = await repo.listForGuard(
        db,
        { campusId, view, date: shanghaiDate(now()), now: toStored(now()) },
        decodeCursor(list, query.cursor),
        limit,
      );
      const keyed = rows.map((r) => ({ row: r, created_at: view === 'expected' ? r.starts_at : r.ends_at, id: r.id }));
      const page = pageFrom(list, keyed, limit);
      return { items: page.rows.map((k) => toVisit(k.row, 'guard')), nextCursor: page.nextCursor };
    },

    /**
     * A guard scans a pass (its QR text or short code): the first scan checks in, the next checks
     * out. The status read decides which, and a conditional write from that status makes it count
     * once: of two guards scanning at once, one checks in and the other is told it just happened.
     * A scan moments after check-in is taken as a double scan unless the guard confirms check-out.
     */
    async scan(person: Person, pass: string, options: { checkOut?: boolean } = {}): Promise<ScanResult> {
      const campusId = await guardCampus(person);
      const row = await findPass(pass);
      if (row.campus_id !== campusId) throw bad('PASS_INVALID');
      const settings = await settingsOf(campusId);
      const why = refusal(row, settings.tolerance_minutes * 60_000);
      if (why) throw new DomainError(why, 409);
      const at = toStored(now());
      const action = row.status === 'checked-in' ? 'checked-out' : 'checked-in';
      if (options.checkOut && action !== 'checked-out') throw new DomainError('PASS_NOT_ON_SITE', 409);
      if (
        action === 'checked-out' &&
        !options.checkOut &&
        row.checked_in_at &&
        now().getTime() - new Date(row.checked_in_at).getTime() < rescanMs
      ) {
        throw new DomainError('PASS_CHECKED_IN_JUST_NOW', 409);
      }
      const change: Partial<VisitRow> & { status: VisitStatus } =
        action === 'checked-in'
          ? { status: 'checked-in', checked_in_at: at, checked_in_by: person.id }
          : { status: 'checked-out', checked_out_at: at, checked_out_by: person.id };
      await transactionWithRetry(db, async (trx) => {
        // From the status read: of two scans at once, only the first write finds it unchanged.
        const moved = await repo.moveVisit(trx, row.id, [row.status], change);
        if (!moved) throw new DomainError('PASS_SCANNED_JUST_NOW', 409);
        if (action === 'checked-out') await releaseCar(trx, row);
        await audit(trx, {
          campusId,
          actor: person,
          role: 'guard',
          action: action === 'checked-in' ? 'check-in' : 'check-out',
          visitId: row.id,
        });
        if (action === 'checked-in') {
          await tellHost(
            trx,
            row,
            '您的访客已到达',
            `您的访客${row.name_masked ?? ''}已于门岗登记入园（${row.purpose}）。`,
          );
        }
      });
      // The row as just written (the conditional write held it): no second read.
      return { action, visit: toVisit({ ...row, ...change }, 'guard') };
    },

    /** A guard registers a walk-in for today; the host approves it from the app, or the guard overrides. */
    async walkIn(person: Person, input: NewWalkIn): Promise<Visit> {
      const campusId = await guardCampus(person);
      const host = await repo.findHost(db, input.hostId);
      if (!host) throw notFound('HOST_NOT_FOUND');
      const settings = await repo.findSettings(db, campusId);
      const consent = agreed(input.privacyVersion);
      const date = shanghaiDate(now());
      const nowText = new Date(now().getTime() + 8 * 3600_000).toISOString().slice(11, 16);
      const window = windowOf(date, nowText, input.endsAt);
      const purpose = text(input.purpose);
      const fields = await personal(campusId, input, settings.requires_id_number === 1);
      const id = newSortableId();
      await transactionWithRetry(db, async (trx) => {
        await repo.insertVisit(trx, {
          ...baseRow(id, campusId, {
            host_id: host.id,
            visitor_id: null,
            origin: 'walk-in',
            status: 'pending',
            date,
            starts_at: toStored(now()),
            ends_at: window.ends_at,
            purpose,
            companions: input.companions ?? 0,
          }),
          ...fields,
          ...consent,
        });
        await audit(trx, { campusId, actor: person, role: 'guard', action: 'walk-in', visitId: id });
        await tellHost(
          trx,
          { ...fields, host_id: host.id, date, id },
          '门岗有访客等待您确认',
          `访客${fields.name_masked}现在在门岗，来访事由：${quotedSentence(purpose, 60)}请在“访客预约”中确认。`,
        );
      });
      return answer(id, 'guard');
    },

    /** The guard lets a pending walk-in in without the host's answer, with a reason (audited). */
    async override(person: Person, id: string, reason: string): Promise<Visit> {
      const campusId = await guardCampus(person);
      const row = await repo.findVisit(db, id);
      if (!row || row.campus_id !== campusId) throw visitNotFound();
      // Applications and invitations are the host's to decide; only a walk-in at the gate is the guard's.
      if (row.origin !== 'walk-in') throw new DomainError('VISIT_NOT_WALK_IN', 409);
      const why = text(reason);
      await transactionWithRetry(db, async (trx) => {
        const moved = await repo.moveVisit(trx, id, ['pending'], {
          status: 'approved',
          override_reason: why,
          decided_by: person.id,
          decided_at: toStored(now()),
        });
        if (!moved) throw new DomainError('VISIT_NOT_PENDING', 409);
        await whitelistCar(trx, row);
        await audit(trx, { campusId, actor: person, role: 'guard', action: 'override', visitId: id, detail: why });
        await tellHost(trx, row, '门岗已放行您的访客', `门岗${person.name}放行了访客${row.name_masked ?? ''}：${why}`);
      });
      return answer(id, 'guard');
    },

    /** The guard's one look at a full ID number, for an identity check; audited. */
    async reveal(person: Person, id: string): Promise<{ idNumber: string }> {
      const campusId = await guardCampus(person);
      const row = await repo.findVisit(db, id);
      if (!row || row.campus_id !== campusId) throw visitNotFound();
      if (!row.personal_enc) throw new DomainError('ID_NOT_RECORDED', 409);
      const fields = JSON.parse(crypto.open(row.personal_enc)) as PersonalFields;
      if (!fields.idNumber) throw new DomainError('ID_NOT_RECORDED', 409);
      await transactionWithRetry(db, (trx) =>
        audit(trx, { campusId, actor: person, role: 'guard', action: 'reveal', visitId: id }),
      );
      return { idNumber: fields.idNumber };
    },

    // --- admin ---

    async blocks(person: Person, query: { limit?: number; cursor?: string }): Promise<BlockPage> {
      const campusId = await campusOf(person);
      const limit = query.limit ?? 20;
      const rows = await repo.listBlocks(db, campusId, decodeCursor('visit-blocks', query.cursor), limit);
      const page = pageFrom('visit-blocks', rows, limit);
      return {
        items: page.rows.map((b) => ({
          id: b.id,
          kind: b.kind,
          value: b.value_masked,
          reason: b.reason,
          by: b.by_name,
          createdAt: toInstant(b.created_at),
        })),
        nextCursor: page.nextCursor,
      };
    },

    async block(person: Person, input: NewBlock) {
      const campusId = await campusOf(person);
      const value = input.kind === 'id' ? normalizeIdNumber(input.value) : input.value.trim();
      const valid = input.kind === 'id' ? isValidIdNumber(value) : isValidMobile(value);
      if (!valid) throw bad('BLOCK_VALUE_INVALID');
      const reason = text(input.reason);
      const id = newSortableId();
      await transactionWithRetry(db, async (trx) => {
        const added = await repo.insertBlock(trx, {
          id,
          campus_id: campusId,
          kind: input.kind,
          value_hash: crypto.hash(input.kind, value),
          value_masked: input.kind === 'id' ? maskIdNumber(value) : maskMobile(value),
          reason,
          created_by: person.id,
          created_at: toStored(now()),
        });
        if (!added) throw new DomainError('BLOCK_EXISTS', 409);
        await audit(trx, { campusId, actor: person, role: 'admin', action: 'block', visitId: null, detail: reason });
      });
      return { id };
    },

    async unblock(person: Person, id: string): Promise<void> {
      const campusId = await campusOf(person);
      await transactionWithRetry(db, async (trx) => {
        if (!(await repo.deleteBlock(trx, campusId, id))) throw notFound('BLOCK_NOT_FOUND');
        await audit(trx, { campusId, actor: person, role: 'admin', action: 'unblock', visitId: null });
      });
    },

    async auditLog(person: Person, query: { limit?: number; cursor?: string }): Promise<AuditPage> {
      const campusId = await campusOf(person);
      const limit = query.limit ?? 50;
      const rows = await repo.listAudit(db, campusId, decodeCursor('visit-audit', query.cursor), limit);
      const keyed = rows.map((r) => ({ row: r, created_at: r.at, id: r.id }));
      const page = pageFrom('visit-audit', keyed, limit);
      return {
        items: page.rows.map(({ row: a }) => ({
          id: a.id,
          at: toInstant(a.at),
          action: a.action,
          actor: a.actor_name ?? null,
          role: a.actor_role,
          visitId: a.visit_id,
          detail: a.detail,
        })),
        nextCursor: page.nextCursor,
      };
    },

    /**
     * Housekeeping: clears the personal fields of visits whose window closed more than the
     * campus's retention ago, in bounded batches (each its own transaction, with its audit row);
     * the rows stay for the statistics. Then drops audit rows past their own retention (≥183 days).
     */
    async purgeExpired(
      options: { batch?: number; maxBatches?: number } = {},
    ): Promise<{ visits: number; auditRows: number }> {
      const batch = options.batch ?? 200;
      const maxBatches = options.maxBatches ?? 50;
      const campuses = await db.selectFrom('campuses').select('id').execute();
      let purged = 0;
      for (const campus of campuses) {
        const settings = await repo.findSettings(db, campus.id);
        const cutoff = toStored(new Date(now().getTime() - settings.retention_days * 86_400_000));
        for (let i = 0; i < maxBatches; i++) {
          const n = await transactionWithRetry(db, async (trx) => {
            const purgedIds = await repo.purgeBatch(trx, campus.id, cutoff, toStored(now()), batch);
            await parking.forgetVisitorCars(trx, purgedIds);
            const cleared = purgedIds.length;
            if (cleared > 0) {
              await audit(trx, {
                campusId: campus.id,
                actor: null,
                role: 'system',
                action: 'purge',
                visitId: null,
                detail: `清除 ${cleared} 条来访的个人信息`,
              });
            }
            return cleared;
          });
          purged += n;
          if (n < batch) break;
        }
      }
      const auditCutoff = toStored(new Date(now().getTime() - AUDIT_RETENTION_DAYS * 86_400_000));
      let auditRows = 0;
      for (let i = 0; i < maxBatches; i++) {
        const n = await transactionWithRetry(db, (trx) => repo.deleteAuditBefore(trx, auditCutoff, batch));
        auditRows += n;
        if (n < batch) break;
      }
      return { visits: purged, auditRows };
    },

    /** Test and seed hook: a visit's status as stored. */
    async statusOf(id: string): Promise<VisitStatus | undefined> {
      return (await repo.findVisit(db, id))?.status;
    },
  };
}

export type VisitorsService = ReturnType<typeof createVisitorsService>;
