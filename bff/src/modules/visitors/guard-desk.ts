import { shanghaiDate } from '@contract/workdays';
import {
  PASS_CODE_ALPHABET,
  VISIT_LIMITS,
  type GuardListQuery,
  type NewWalkIn,
  type ScanResult,
  type Visit,
  type VisitPage,
  type VisitStatus,
} from '@contract/visitors.schema';
import { quotedSentence } from '@contract/text';
import { DomainError, notFound } from '../../errors';
import { newSortableId } from '../../lib/ids';
import { decodeCursor, pageFrom } from '../../lib/page-cursor';
import { transactionWithRetry } from '../../lib/retry-transaction';
import { toStored } from '../../lib/time';
import type { Person } from '../auth';
import * as repo from './visitors.repository';
import type { VisitRecord } from './visitors.repository';
import type { PersonalFields, VisitRow } from './visitors.table';

import { bad, PASS_PREFIX, text, visitNotFound, type VisitCore } from './visit-core';

/**
 * The gate (门岗): today's lists, the scan that checks a pass in and out, walk-ins with the host's
 * answer or the guard's override, and the audited look at a full ID number.
 */
export function createGuardDesk(core: VisitCore) {
  const {
    db,
    crypto,
    rescanMs,
    now,
    settingsOf,
    toVisit,
    audit,
    windowOf,
    personal,
    baseRow,
    agreed,
    answer,
    tellHost,
    whitelistCar,
    releaseCar,
    guardCampus,
  } = core;

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

  return {
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
  };
}
