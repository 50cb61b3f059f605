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
import { maskPlate, parsePlate } from '@contract/plate';
import { addDays, shanghaiDate, shanghaiInstant } from '@contract/workdays';
import {
  PASS_CODE_ALPHABET,
  VISIT_LIMITS,
  VISITOR_PRIVACY_NOTICE,
  type AuditAction,
  type Visit,
} from '@contract/visitors.schema';
import { typedText } from '@contract/text';
import type { Database } from '../../db/schema';
import { DomainError, forbidden, notFound } from '../../errors';
import { newSortableId } from '../../lib/ids';
import { toInstant, toStored, type Clock } from '../../lib/time';
import type { Person } from '../auth';
import type { MessagesService } from '../messages';
import type { ParkingService } from '../parking';
import type { PersonalData } from './personal-data';
import * as repo from './visitors.repository';
import type { VisitRecord } from './visitors.repository';
import type { PersonalFields, VisitRow } from './visitors.table';

export const visitNotFound = () => notFound('VISIT_NOT_FOUND');
export const bad = (code: ConstructorParameters<typeof DomainError>[0]) => new DomainError(code, 400);

/** One line of free text (a purpose, a reason, a name), not blank. */
export function text(value: string): string {
  const kept = typedText(value, false);
  if (kept === undefined) throw bad('VISIT_TEXT_INVALID');
  return kept;
}

export const PASS_PREFIX = 'VP1';
export const INVITE_PREFIX = 'VI1';
export const LIST = { host: 'visits-host', visitor: 'visits-visitor' } as const;
export const AUDIT_RETENTION_DAYS = 183;

export type Reader = 'host' | 'visitor' | 'guard' | 'admin';

export interface VisitorsDeps {
  db: Kysely<Database>;
  clock: Clock;
  crypto: PersonalData;
  messages: Pick<MessagesService, 'send'>;
  /** Visitors' cars: the gate's whitelist and the visitor lot, through parking's face. */
  parking: Pick<ParkingService, 'whitelistVisitorCar' | 'removeVisitorCar' | 'forgetVisitorCars'>;
  /** A scan this soon after the check-in is a double scan (two guards, a shaky hand) unless the guard confirms check-out. */
  rescanMs: number;
}

/**
 * What every part of the visitors module shares: the answer a reader sees of a visit (masked),
 * the audit row, the campus and its settings, a visit's personal fields sealed, the pass and the
 * invitation tokens, the host's message and the visitor's car on the gate's whitelist.
 */
export function createVisitCore(deps: VisitorsDeps) {
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

  async function guardCampus(person: Person): Promise<string> {
    if (!person.roles.includes('guard')) throw forbidden();
    return campusOf(person);
  }

  return {
    db,
    crypto,
    messages,
    parking,
    rescanMs,
    now,
    settingsOf,
    toVisit,
    audit,
    campusOf,
    windowOf,
    personal,
    baseRow,
    agreed,
    readAs,
    answer,
    inviteToken,
    invited,
    tellHost,
    whitelistCar,
    releaseCar,
    guardCampus,
  };
}

export type VisitCore = ReturnType<typeof createVisitCore>;
