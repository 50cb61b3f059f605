import { monthDayText } from '@contract/date-words';
import {
  VISITOR_PRIVACY_NOTICE,
  type AcceptInvitation,
  type HostList,
  type InvitationCreated,
  type InvitationView,
  type NewApplication,
  type NewInvitation,
  type PrivacyNotice,
  type Visit,
  type VisitListQuery,
  type VisitPage,
  type VisitStatus,
} from '@contract/visitors.schema';
import { quotedSentence } from '@contract/text';
import { DomainError, forbidden, notFound } from '../../errors';
import { newSortableId } from '../../lib/ids';
import { decodeCursor, pageFrom } from '../../lib/page-cursor';
import { transactionWithRetry } from '../../lib/retry-transaction';
import { toInstant, toStored } from '../../lib/time';
import type { Person } from '../auth';
import * as repo from './visitors.repository';
import type { PersonalFields, VisitRow } from './visitors.table';

import { createGuardDesk } from './guard-desk';
import { createVisitCore, LIST, text, visitNotFound, type VisitorsDeps } from './visit-core';
import { createVisitorsAdmin } from './visitors-admin';

export type { Reader } from './visit-core';

/**
 * Visitors (访客预约): invitations, applications, approvals, the pass and the guard's scan, walk-ins,
 * the block list and the audit log. Personal data is sealed at rest (personal-data.ts), masked in
 * every answer, and cleared after the campus's retention period by `purgeExpired`. The host's and
 * the visitor's side is here; the guard's is guard-desk.ts, the admin's visitors-admin.ts, and what
 * they share visit-core.ts.
 */
export function createVisitorsService(deps: VisitorsDeps) {
  const core = createVisitCore(deps);
  const {
    db,
    crypto,
    messages,
    parking,
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
  } = core;

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

    ...createGuardDesk(core),
    ...createVisitorsAdmin(core),

    /** Test and seed hook: a visit's status as stored. */
    async statusOf(id: string): Promise<VisitStatus | undefined> {
      return (await repo.findVisit(db, id))?.status;
    },
  };
}

export type VisitorsService = ReturnType<typeof createVisitorsService>;
