import { http, HttpResponse, type HttpHandler } from 'msw';
import { maskMobile, maskName } from '@contract/identity';
import {
  VISITOR_PRIVACY_NOTICE,
  type AuditPage,
  type BlockPage,
  type HostList,
  type InvitationCreated,
  type InvitationView,
  type NewApplication,
  type NewBlock,
  type NewInvitation,
  type NewWalkIn,
  type PrivacyNotice,
  type ReasonBody,
  type ScanResult,
  type Visit,
  type VisitPage,
  type VisitStatus,
} from '@contract/visitors.schema';
import type { MockPerson } from './data';
import { mockState, onMockReset, toInstant } from './state';
import { errorResponse, mockToday, signedIn, signedInWith, type Params } from './support';

/**
 * 访客预约: visits as host, visitor and guard, the pass, the scan (in, then out), invitations,
 * walk-ins, the block list and audit log — happy paths with masked data. Windows, who may decide,
 * refusals and masking rules are the BFF's (bff/test/visitors); a test that needs a refusal
 * overrides the route.
 */

interface MockVisit {
  id: string;
  hostId: string;
  visitorId: string | null;
  origin: Visit['origin'];
  status: VisitStatus;
  date: string;
  startsAt: string;
  endsAt: string;
  purpose: string;
  companions: number;
  name: string;
  phone: string;
  createdAt: string;
  declineReason: string | null;
  overrideReason: string | null;
  checkedInAt: string | null;
  checkedOutAt: string | null;
}

const HOUR = 3_600_000;
const HOST = 'demo-staff';

function at(date: string, time: string): string {
  return `${date}T${time}:00.000+08:00`;
}

function seed(): MockVisit[] {
  const today = mockToday();
  const now = toInstant(mockState.now() - HOUR);
  const base = {
    hostId: HOST,
    date: today,
    companions: 0,
    createdAt: now,
    declineReason: null,
    overrideReason: null,
    checkedInAt: null,
    checkedOutAt: null,
  };
  return [
    {
      ...base,
      id: 'visit-0002',
      visitorId: 'demo-visitor',
      origin: 'application',
      status: 'pending',
      startsAt: at(today, '14:00'),
      endsAt: at(today, '16:00'),
      purpose: '送审设计图纸',
      name: '吴倩',
      phone: '13900005678',
    },
    {
      ...base,
      id: 'visit-0001',
      visitorId: 'demo-visitor',
      origin: 'invite',
      status: 'approved',
      startsAt: at(today, '00:00'),
      endsAt: at(today, '23:59'),
      purpose: '洽谈智慧食堂项目',
      name: '周敏',
      phone: '13800001234',
    },
  ];
}

let visits: MockVisit[] = seed();
let seq = 2;
onMockReset(() => {
  visits = seed();
  seq = 2;
});

/** A short code in the pass alphabet (no 0, 1): visit-0001 → KQQQRABC. */
const CODE = (id: string) => `K${id.slice(-4)}ABC`.replace(/0/g, 'Q').replace(/1/g, 'R');

function toVisit(v: MockVisit, reader: MockPerson): Visit {
  const as = v.hostId === reader.id ? 'host' : v.visitorId === reader.id ? 'visitor' : 'guard';
  const host = mockState.people.get(v.hostId);
  const usable = v.status === 'approved' || v.status === 'checked-in';
  return {
    id: v.id,
    origin: v.origin,
    status: v.status,
    date: v.date,
    startsAt: v.startsAt,
    endsAt: v.endsAt,
    purpose: v.purpose,
    companions: v.companions,
    host: { name: host?.name ?? '', unit: host?.unit ?? '' },
    visitor: { name: maskName(v.name), phone: maskMobile(v.phone), idNumber: null, plate: null },
    place: host?.unit ?? '',
    declineReason: v.declineReason,
    overrideReason: v.overrideReason,
    checkedInAt: v.checkedInAt,
    checkedOutAt: v.checkedOutAt,
    flagged: false,
    visitsBefore: 0,
    as,
    pass: as === 'visitor' && usable ? { qr: `VP1.${v.id}.mock`, code: CODE(v.id) } : null,
    purged: false,
    createdAt: v.createdAt,
  };
}

function paged<T extends { id: string }>(items: T[], request: Request): { items: T[]; nextCursor: string | null } {
  const query = new URL(request.url).searchParams;
  const limit = Number(query.get('limit') ?? 20);
  const cursor = query.get('cursor');
  const start = cursor ? items.findIndex((i) => i.id === cursor) + 1 : 0;
  const page = items.slice(start, start + limit);
  return { items: page, nextCursor: start + limit < items.length ? page[page.length - 1].id : null };
}

function add(
  person: MockPerson,
  v: Omit<MockVisit, 'id' | 'createdAt' | 'declineReason' | 'overrideReason' | 'checkedInAt' | 'checkedOutAt'>,
): MockVisit {
  seq += 1;
  const visit: MockVisit = {
    ...v,
    id: `visit-${String(seq).padStart(4, '0')}`,
    createdAt: toInstant(mockState.now()),
    declineReason: null,
    overrideReason: null,
    checkedInAt: null,
    checkedOutAt: null,
  };
  void person;
  visits.unshift(visit);
  return visit;
}

export function visitorsHandlers(base: string): HttpHandler[] {
  const find = (person: MockPerson, id: string | undefined) =>
    visits.find(
      (v) => v.id === id && (v.hostId === person.id || v.visitorId === person.id || person.roles.includes('guard')),
    );
  const notFound = () => errorResponse(404, 'VISIT_NOT_FOUND');
  const move = (person: MockPerson, id: string | undefined, status: VisitStatus, extra: Partial<MockVisit> = {}) => {
    const v = find(person, id);
    if (!v) return notFound();
    Object.assign(v, { status, ...extra });
    return HttpResponse.json<Visit>(toVisit(v, person));
  };

  return [
    http.get(`${base}/visits/privacy`, () =>
      HttpResponse.json<PrivacyNotice>({
        ...VISITOR_PRIVACY_NOTICE,
        paragraphs: [...VISITOR_PRIVACY_NOTICE.paragraphs],
        retentionDays: 30,
        requiresIdNumber: false,
      }),
    ),
    http.get<Params>(
      `${base}/visits/units`,
      signedIn(() =>
        HttpResponse.json({
          items: [
            ...new Set([...mockState.people.values()].filter((p) => p.roles.includes('staff')).map((p) => p.unit)),
          ],
        }),
      ),
    ),
    http.get<Params>(
      `${base}/visits/hosts`,
      signedIn((_p, _params, request) => {
        const query = new URL(request.url).searchParams;
        const unit = query.get('unit');
        const q = query.get('q') ?? '';
        const items = [...mockState.people.values()]
          .filter((p) => p.roles.includes('staff') && p.unit === unit && p.name.includes(q))
          .map((p) => ({ id: p.id, name: p.name, unit: p.unit }));
        return HttpResponse.json<HostList>({ items });
      }),
    ),
    http.post<Params>(
      `${base}/visits`,
      signedInWith<NewInvitation>((person, body) => {
        const v = add(person, {
          hostId: person.id,
          visitorId: null,
          origin: 'invite',
          status: 'invited',
          date: body.date,
          startsAt: at(body.date, body.startsAt),
          endsAt: at(body.date, body.endsAt),
          purpose: body.purpose,
          companions: body.companions ?? 0,
          name: body.visitorName,
          phone: body.visitorPhone,
        });
        const token = `VI1.${v.id}.mock.sig`;
        return HttpResponse.json<InvitationCreated>(
          { visit: toVisit(v, person), token, inviteUrl: `/packages/visitors/pages/invitation/index?token=${token}` },
          { status: 201 },
        );
      }),
    ),
    http.post<Params>(
      `${base}/visits/applications`,
      signedInWith<NewApplication>((person, body) => {
        const v = add(person, {
          hostId: body.hostId,
          visitorId: person.id,
          origin: 'application',
          status: 'pending',
          date: body.date,
          startsAt: at(body.date, body.startsAt),
          endsAt: at(body.date, body.endsAt),
          purpose: body.purpose,
          companions: body.companions ?? 0,
          name: body.visitorName,
          phone: body.visitorPhone,
        });
        return HttpResponse.json({ visit: toVisit(v, person) }, { status: 201 });
      }),
    ),
    http.get<Params>(
      `${base}/visits`,
      signedIn((person, _params, request) => {
        const query = new URL(request.url).searchParams;
        const as = query.get('as') ?? (person.roles.includes('staff') ? 'host' : 'visitor');
        const date = query.get('date');
        const mine = visits.filter(
          (v) => (as === 'host' ? v.hostId : v.visitorId) === person.id && (!date || v.date === date),
        );
        const page = paged(mine, request);
        return HttpResponse.json<VisitPage>({
          items: page.items.map((v) => toVisit(v, person)),
          nextCursor: page.nextCursor,
        });
      }),
    ),
    http.get<Params>(
      `${base}/visits/today`,
      signedIn((person, _params, request) => {
        const view = new URL(request.url).searchParams.get('view') ?? 'expected';
        const rows =
          view === 'expected'
            ? visits.filter((v) => v.date === mockToday()).sort((a, b) => a.startsAt.localeCompare(b.startsAt))
            : visits.filter(
                (v) => v.status === 'checked-in' && (view === 'on-site' || Date.parse(v.endsAt) < mockState.now()),
              );
        const page = paged(rows, request);
        return HttpResponse.json<VisitPage>({
          items: page.items.map((v) => toVisit(v, person)),
          nextCursor: page.nextCursor,
        });
      }),
    ),
    http.post<Params>(
      `${base}/visits/scan`,
      signedInWith<{ pass: string }>((person, body) => {
        const text = body.pass.trim().toUpperCase();
        const v = visits.find((x) => `VP1.${x.id}.MOCK` === text || CODE(x.id) === text);
        if (!v) return errorResponse(400, 'PASS_INVALID');
        if (v.status === 'checked-out') return errorResponse(409, 'PASS_USED');
        if (v.status !== 'approved' && v.status !== 'checked-in') return errorResponse(409, 'PASS_PENDING');
        const action = v.status === 'approved' ? 'checked-in' : 'checked-out';
        if (action === 'checked-in')
          Object.assign(v, { status: 'checked-in', checkedInAt: toInstant(mockState.now()) });
        else Object.assign(v, { status: 'checked-out', checkedOutAt: toInstant(mockState.now()) });
        return HttpResponse.json<ScanResult>({ action, visit: toVisit(v, person) });
      }),
    ),
    http.post<Params>(
      `${base}/visits/walk-ins`,
      signedInWith<NewWalkIn>((person, body) => {
        const today = mockToday();
        const v = add(person, {
          hostId: body.hostId,
          visitorId: null,
          origin: 'walk-in',
          status: 'pending',
          date: today,
          startsAt: toInstant(mockState.now()),
          endsAt: at(today, body.endsAt),
          purpose: body.purpose,
          companions: body.companions ?? 0,
          name: body.visitorName,
          phone: body.visitorPhone,
        });
        return HttpResponse.json({ visit: toVisit(v, person) }, { status: 201 });
      }),
    ),
    http.get<Params>(`${base}/visits/invitations/:token`, ({ params }) => {
      const v = visits.find((x) => params.token === `VI1.${x.id}.mock.sig`);
      if (!v) return errorResponse(400, 'INVITE_INVALID');
      const host = mockState.people.get(v.hostId);
      return HttpResponse.json<InvitationView>({
        hostName: host?.name ?? '',
        hostUnit: host?.unit ?? '',
        place: host?.unit ?? '',
        date: v.date,
        startsAt: v.startsAt,
        endsAt: v.endsAt,
        purpose: v.purpose,
        visitorName: maskName(v.name),
        status: v.status,
        requiresIdNumber: false,
      });
    }),
    http.post<Params>(
      `${base}/visits/invitations/:token/accept`,
      signedInWith<unknown>((person, _body, params) => {
        const v = visits.find((x) => params.token === `VI1.${x.id}.mock.sig`);
        if (!v) return errorResponse(400, 'INVITE_INVALID');
        if (v.status !== 'invited') return errorResponse(409, 'INVITE_TAKEN');
        Object.assign(v, { status: 'approved', visitorId: person.id });
        return HttpResponse.json<Visit>(toVisit(v, person));
      }),
    ),
    http.get<Params>(
      `${base}/visits/blocks`,
      signedIn(() =>
        HttpResponse.json<BlockPage>({
          items: [
            {
              id: 'block-1',
              kind: 'phone',
              value: '139****0000',
              reason: '多次冒用他人身份来访',
              by: '孙丽',
              createdAt: toInstant(mockState.now() - 48 * HOUR),
            },
          ],
          nextCursor: null,
        }),
      ),
    ),
    http.post<Params>(
      `${base}/visits/blocks`,
      signedInWith<NewBlock>(() => HttpResponse.json({ id: `block-${(seq += 1)}` }, { status: 201 })),
    ),
    http.delete<Params>(
      `${base}/visits/blocks/:id`,
      signedIn(() => new HttpResponse(null, { status: 204 })),
    ),
    http.get<Params>(
      `${base}/visits/audit`,
      signedIn(() =>
        HttpResponse.json<AuditPage>({
          items: [
            {
              id: 'audit-2',
              at: toInstant(mockState.now() - HOUR),
              action: 'check-in',
              actor: '赵强',
              role: 'guard',
              visitId: 'visit-0001',
              detail: '',
            },
            {
              id: 'audit-1',
              at: toInstant(mockState.now() - 2 * HOUR),
              action: 'approve',
              actor: '张伟',
              role: 'host',
              visitId: 'visit-0001',
              detail: '',
            },
          ],
          nextCursor: null,
        }),
      ),
    ),
    http.get<Params>(
      `${base}/visits/:id`,
      signedIn((person, params) => {
        const v = find(person, params.id);
        return v ? HttpResponse.json<Visit>(toVisit(v, person)) : notFound();
      }),
    ),
    http.delete<Params>(
      `${base}/visits/:id`,
      signedIn((person, params) => {
        const v = find(person, params.id);
        if (!v) return notFound();
        visits = visits.filter((x) => x !== v);
        return new HttpResponse(null, { status: 204 });
      }),
    ),
    http.post<Params>(
      `${base}/visits/:id/approve`,
      signedIn((person, params) => move(person, params.id, 'approved')),
    ),
    http.post<Params>(
      `${base}/visits/:id/decline`,
      signedInWith<ReasonBody>((person, body, params) =>
        move(person, params.id, 'declined', { declineReason: body.reason }),
      ),
    ),
    http.post<Params>(
      `${base}/visits/:id/cancel`,
      signedIn((person, params) => move(person, params.id, 'cancelled')),
    ),
    http.post<Params>(
      `${base}/visits/:id/override`,
      signedInWith<ReasonBody>((person, body, params) =>
        move(person, params.id, 'approved', { overrideReason: body.reason }),
      ),
    ),
    http.post<Params>(
      `${base}/visits/:id/reveal`,
      signedIn((person, params) =>
        find(person, params.id) ? HttpResponse.json({ idNumber: '330106199001011234' }) : notFound(),
      ),
    ),
  ];
}
