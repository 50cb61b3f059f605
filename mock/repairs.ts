import { http, HttpResponse, type HttpHandler } from 'msw';
import type {
  NewRepair,
  PlaceInput,
  RepairBoard,
  RepairCategory,
  RepairCategoryInput,
  RepairerProfile,
  RepairerProfileInput,
  RepairEvent,
  RepairLocations,
  RepairPage,
  RepairTicket,
  RepairTicketDetail,
} from '@contract/repairs.schema';
import { OPEN_REPAIR_STATUSES, repairSteps, type RepairStatus } from '@contract/repairs';
import type { MockPerson } from './data';
import { mockState, onMockReset, toInstant } from './state';
import { errorResponse, signedIn, signedInWith, type Params } from './support';

/**
 * 报修 · 派单: categories, places, tickets (mine / assigned / queue / all, newest first, by cursor),
 * one ticket with its timeline, each step, the board, repairer profiles and rules. Dispatch, who
 * may take a step and the deadlines are the BFF's rules (bff/test/repairs): here every report goes
 * to the demo repairer and a step just moves the status; a test that needs a refusal overrides the route.
 */

const MINUTE = 60_000;
const REPAIRER = 'demo-repairer';

const CATEGORIES: RepairCategory[] = [
  {
    id: 'rc-plumbing',
    name: '水电',
    skill: 'plumbing',
    sla: { acceptMinutes: 5, arriveMinutes: 15, finishHours: 4 },
    active: true,
  },
  {
    id: 'rc-hvac',
    name: '空调',
    skill: 'hvac',
    sla: { acceptMinutes: 10, arriveMinutes: 30, finishHours: 8 },
    active: true,
  },
  {
    id: 'rc-network',
    name: '网络',
    skill: 'network',
    sla: { acceptMinutes: 10, arriveMinutes: 30, finishHours: 4 },
    active: true,
  },
];

const LOCATIONS: RepairLocations = {
  buildings: [
    {
      id: 'bld-a',
      name: 'A座',
      area: '东区',
      floors: [
        {
          id: 'rf-bld-a-1',
          name: '1层',
          rooms: [
            { id: 'rr-a-101', name: 'A101' },
            { id: 'rr-a-102', name: 'A102' },
          ],
        },
        { id: 'rf-bld-a-2', name: '2层', rooms: [{ id: 'rr-a-201', name: 'A201' }] },
      ],
    },
    {
      id: 'bld-b',
      name: 'B座',
      area: '东区',
      floors: [{ id: 'rf-bld-b-1', name: '1层', rooms: [{ id: 'rr-b-101', name: 'B101' }] }],
    },
  ],
};

interface MockTicket {
  ticket: RepairTicket;
  timeline: RepairEvent[];
}

const NEXT: Partial<Record<string, RepairStatus>> = {
  accept: 'accepted',
  decline: 'pending',
  arrive: 'arrived',
  pause: 'paused',
  resume: 'arrived',
  finish: 'finished',
  cancel: 'cancelled',
  reopen: 'assigned',
  assign: 'assigned',
};

function person(id: string) {
  const p = mockState.people.get(id);
  return { id, name: p?.name ?? '', unit: p?.unit ?? '' };
}

function make(
  n: number,
  requesterId: string,
  category: RepairCategory,
  status: RepairStatus,
  createdMs: number,
  text: string,
): MockTicket {
  const at = (ms: number) => toInstant(ms);
  const ticket: RepairTicket = {
    id: `ticket-demo-${n}`,
    version: 0,
    number: `BXMOCK${String(n).padStart(4, '0')}`,
    status,
    urgent: false,
    category: { id: category.id, name: category.name },
    location: { text: 'A座 1层 A101', buildingId: 'bld-a', roomId: 'rr-a-101' },
    description: text,
    photoUrls: [],
    requester: person(requesterId),
    assignee: status === 'pending' ? null : person(REPAIRER),
    createdAt: at(createdMs),
    acceptBy: at(createdMs + category.sla.acceptMinutes * MINUTE),
    arriveBy: at(createdMs + category.sla.arriveMinutes * MINUTE),
    finishBy: at(createdMs + category.sla.finishHours * 60 * MINUTE),
    dueAt: null,
    sla: null,
    acceptedAt: null,
    arrivedAt: null,
    finishedAt: status === 'finished' ? at(createdMs + 60 * MINUTE) : null,
    finishNote: status === 'finished' ? '已更换软管' : null,
    finishPhotoUrls: [],
    score: null,
    comment: null,
    reopenUntil: status === 'finished' ? at(createdMs + 7 * 24 * 60 * MINUTE) : null,
    can: {
      accept: false,
      decline: false,
      arrive: false,
      pause: false,
      resume: false,
      finish: false,
      cancel: false,
      rate: false,
      reopen: false,
      assign: false,
    },
  };
  const timeline: RepairEvent[] = [
    {
      id: `ev-${n}-1`,
      kind: 'reported',
      at: ticket.createdAt,
      by: ticket.requester.name,
      to: null,
      note: text,
      photoUrls: [],
    },
    status === 'pending'
      ? { id: `ev-${n}-2`, kind: 'queued', at: ticket.createdAt, by: null, to: null, note: null, photoUrls: [] }
      : {
          id: `ev-${n}-2`,
          kind: 'dispatched',
          at: ticket.createdAt,
          by: null,
          to: ticket.assignee?.name ?? null,
          note: null,
          photoUrls: [],
        },
  ];
  return { ticket, timeline };
}

function seed(): MockTicket[] {
  const now = mockState.now();
  return [
    make(3, 'demo-staff', CATEGORIES[1], 'assigned', now - 2 * MINUTE, '空调不制冷'),
    make(2, 'demo-staff', CATEGORIES[2], 'pending', now - 5 * MINUTE, '网口无信号'),
    make(1, 'demo-staff', CATEGORIES[0], 'finished', now - 3 * 60 * MINUTE, '洗手池下水管漏水'),
  ];
}

let tickets: MockTicket[] = seed();
let seq = 3;
let profiles: Map<string, RepairerProfileInput> = new Map();
onMockReset(() => {
  tickets = seed();
  seq = 3;
  profiles = new Map();
});

const EVENT_OF: Record<string, RepairEvent['kind']> = {
  accept: 'accepted',
  decline: 'declined',
  arrive: 'arrived',
  pause: 'paused',
  resume: 'resumed',
  finish: 'finished',
  cancel: 'cancelled',
  rate: 'rated',
  reopen: 'reopened',
  assign: 'assigned',
};

const OPEN: readonly RepairStatus[] = OPEN_REPAIR_STATUSES;
const DUE: Partial<Record<RepairStatus, 'acceptBy' | 'arriveBy' | 'finishBy'>> = {
  pending: 'acceptBy',
  assigned: 'acceptBy',
  accepted: 'arriveBy',
  arrived: 'finishBy',
};

/** The ticket as `reader` sees it: the clock, and what they may do (the contract's repairSteps). */
function view(t: RepairTicket, reader: MockPerson): RepairTicket {
  const s = t.status;
  const due = DUE[s];
  const dueAt = due ? t[due] : null;
  const left = dueAt ? Date.parse(dueAt) - mockState.now() : 0;
  return {
    ...t,
    dueAt,
    sla: dueAt ? (left < 0 ? 'overdue' : left <= 5 * MINUTE ? 'at-risk' : 'on-time') : null,
    can: repairSteps(
      {
        status: s,
        requesterId: t.requester.id,
        assigneeId: t.assignee?.id ?? null,
        score: t.score,
        reopenUntilMs: t.reopenUntil ? Date.parse(t.reopenUntil) : null,
      },
      { id: reader.id, dispatcher: reader.roles.includes('dispatcher') || reader.roles.includes('admin') },
      mockState.now(),
    ),
  };
}

const detail = (m: MockTicket, reader: MockPerson): RepairTicketDetail => ({
  ...view(m.ticket, reader),
  timeline: m.timeline,
});

function profileOf(id: string): RepairerProfile {
  const saved = profiles.get(id) ?? {
    skills: ['plumbing', 'hvac'],
    areas: ['东区'],
    shifts: [{ weekdays: [1, 2, 3, 4, 5, 6, 7], starts: '00:00', ends: '24:00' }],
  };
  const p = person(id);
  return {
    personId: id,
    name: p.name,
    unit: p.unit,
    ...saved,
    onDuty: saved.shifts.length > 0,
    openTickets: tickets.filter((t) => t.ticket.assignee?.id === id && OPEN.includes(t.ticket.status)).length,
  };
}

/** The mock's tickets, newest first, for tests that look at what a step did. */
export const repairsMock = () => ({ tickets });

export function repairsHandlers(base: string): HttpHandler[] {
  const find = (reader: MockPerson, id: string | undefined) =>
    tickets.find(
      (m) =>
        m.ticket.id === id &&
        (m.ticket.requester.id === reader.id ||
          m.ticket.assignee?.id === reader.id ||
          reader.roles.includes('dispatcher') ||
          reader.roles.includes('admin')),
    );
  const notFound = () => errorResponse(404, 'REPAIR_TICKET_NOT_FOUND');

  return [
    http.get<Params>(
      `${base}/repairs/categories`,
      signedIn(() => HttpResponse.json<RepairCategory[]>(CATEGORIES)),
    ),
    http.post<Params>(
      `${base}/repairs/categories`,
      signedInWith<RepairCategoryInput>((_p, body) =>
        HttpResponse.json<RepairCategory>(
          { id: `rc-new-${CATEGORIES.length + 1}`, ...body, active: body.active ?? true },
          { status: 201 },
        ),
      ),
    ),
    http.put<Params>(
      `${base}/repairs/categories/:id`,
      signedInWith<RepairCategoryInput>((_p, body, params) => {
        const c = CATEGORIES.find((x) => x.id === params.id);
        if (!c) return errorResponse(404, 'REPAIR_CATEGORY_NOT_FOUND');
        return HttpResponse.json<RepairCategory>({ ...c, ...body, active: body.active ?? c.active });
      }),
    ),
    http.get<Params>(
      `${base}/repairs/locations`,
      signedIn(() => HttpResponse.json<RepairLocations>(LOCATIONS)),
    ),
    // Places added answer the places with the addition (not kept: every test starts from LOCATIONS).
    http.post<Params>(
      `${base}/repairs/buildings/:id/floors`,
      signedInWith<PlaceInput>((_p, body, params) => {
        const b = LOCATIONS.buildings.find((x) => x.id === params.id);
        if (!b) return errorResponse(404, 'REPAIR_BUILDING_NOT_FOUND');
        if (b.floors.some((f) => f.name === body.name)) return errorResponse(409, 'REPAIR_PLACE_NAME_TAKEN');
        const floor = { id: `rf-${b.id}-new`, name: body.name, rooms: [] };
        const buildings = LOCATIONS.buildings.map((x) => (x.id === b.id ? { ...x, floors: [...x.floors, floor] } : x));
        return HttpResponse.json<RepairLocations>({ buildings }, { status: 201 });
      }),
    ),
    http.post<Params>(
      `${base}/repairs/floors/:id/rooms`,
      signedInWith<PlaceInput>((_p, body, params) => {
        const floor = LOCATIONS.buildings.flatMap((b) => b.floors).find((f) => f.id === params.id);
        if (!floor) return errorResponse(404, 'REPAIR_FLOOR_NOT_FOUND');
        if (floor.rooms.some((r) => r.name === body.name)) return errorResponse(409, 'REPAIR_PLACE_NAME_TAKEN');
        const room = { id: `${floor.id}-room-new`, name: body.name };
        const buildings = LOCATIONS.buildings.map((b) => ({
          ...b,
          floors: b.floors.map((f) => (f.id === floor.id ? { ...f, rooms: [...f.rooms, room] } : f)),
        }));
        return HttpResponse.json<RepairLocations>({ buildings }, { status: 201 });
      }),
    ),
    http.put<Params>(
      `${base}/repairs/buildings/:id/area`,
      signedIn(() => new HttpResponse(null, { status: 204 })),
    ),
    http.get<Params>(
      `${base}/repairs/repairers`,
      signedIn(() => HttpResponse.json<RepairerProfile[]>([profileOf(REPAIRER), profileOf('demo-dispatcher')])),
    ),
    http.get<Params>(
      `${base}/repairs/repairers/:personId`,
      signedIn((_p, params) => HttpResponse.json<RepairerProfile>(profileOf(params.personId))),
    ),
    http.put<Params>(
      `${base}/repairs/repairers/:personId`,
      signedInWith<RepairerProfileInput>((_p, body, params) => {
        profiles.set(params.personId, body);
        return HttpResponse.json<RepairerProfile>(profileOf(params.personId));
      }),
    ),
    http.get<Params>(
      `${base}/repairs/board`,
      signedIn((reader) => {
        const open = tickets.filter((m) => OPEN.includes(m.ticket.status)).map((m) => view(m.ticket, reader));
        const timed = open.filter((t) => t.dueAt !== null);
        const figures = {
          tickets: tickets.length,
          finished: 1,
          responseMinutes: 4,
          onsiteMinutes: 12,
          onTimeRate: 1,
          averageScore: 5,
        };
        return HttpResponse.json<RepairBoard>({
          now: toInstant(mockState.now()),
          counts: {
            onTime: timed.filter((t) => t.sla === 'on-time').length,
            atRisk: timed.filter((t) => t.sla === 'at-risk').length,
            overdue: timed.filter((t) => t.sla === 'overdue').length,
            paused: open.filter((t) => t.status === 'paused').length,
            queued: open.filter((t) => t.status === 'pending').length,
          },
          open: timed,
          period: { from: '2026-11-01', to: '2026-11-30' },
          byCategory: [{ id: 'rc-plumbing', name: '水电', ...figures }],
          byRepairer: [{ id: REPAIRER, name: person(REPAIRER).name, ...figures }],
        });
      }),
    ),
    http.post<Params>(
      `${base}/repairs`,
      signedInWith<NewRepair>((reporter, body) => {
        seq += 1;
        const category = CATEGORIES.find((c) => c.id === body.category) ?? CATEGORIES[0];
        const m = make(seq, reporter.id, category, 'assigned', mockState.now(), body.description.trim());
        m.ticket.photoUrls = (body.photoIds ?? []).map((id) => `/api/uploads/${id}`);
        m.ticket.urgent = body.urgent === true;
        tickets.unshift(m);
        return HttpResponse.json({ ticket: view(m.ticket, reporter) }, { status: 201 });
      }),
    ),
    http.get<Params>(
      `${base}/repairs`,
      signedIn((reader, _params, request) => {
        const query = new URL(request.url).searchParams;
        const scope = query.get('scope') ?? 'mine';
        const state = query.get('state');
        const limit = Number(query.get('limit') ?? 20);
        const cursor = query.get('cursor');
        const matching = tickets
          .map((m) => m.ticket)
          .filter((t) =>
            scope === 'mine'
              ? t.requester.id === reader.id
              : scope === 'assigned'
                ? t.assignee?.id === reader.id
                : scope === 'queue'
                  ? t.status === 'pending'
                  : true,
          )
          .filter((t) => !state || (state === 'open') === OPEN.includes(t.status));
        const start = cursor ? matching.findIndex((t) => t.id === cursor) + 1 : 0;
        const page = matching.slice(start, start + limit);
        return HttpResponse.json<RepairPage>({
          items: page.map((t) => view(t, reader)),
          nextCursor: start + limit < matching.length ? page[page.length - 1].id : null,
        });
      }),
    ),
    http.get<Params>(
      `${base}/repairs/:id`,
      signedIn((reader, params) => {
        const m = find(reader, params.id);
        return m ? HttpResponse.json<RepairTicketDetail>(detail(m, reader)) : notFound();
      }),
    ),
    http.post<Params>(
      `${base}/repairs/:id/:action`,
      signedInWith<Record<string, unknown>>((actor, body, params) => {
        const m = find(actor, params.id);
        if (!m) return notFound();
        const at = toInstant(mockState.now());
        const next = NEXT[params.action];
        const t = m.ticket;
        if (params.action === 'rate') {
          t.score = Number(body.score);
          t.comment = typeof body.comment === 'string' ? body.comment : null;
        } else if (next) {
          t.status = next;
          if (params.action === 'assign') t.assignee = person(String(body.personId));
          if (params.action === 'decline') t.assignee = null;
          if (next === 'finished') {
            t.finishedAt = at;
            t.finishNote = typeof body.note === 'string' ? body.note : null;
          }
        }
        t.version += 1;
        const note = [body.reason, body.note, body.comment].find((v) => typeof v === 'string') as string | undefined;
        m.timeline.push({
          id: `ev-${t.id}-${m.timeline.length + 1}`,
          kind: EVENT_OF[params.action] ?? 'assigned',
          at,
          by: actor.name,
          to: null,
          note: note ?? null,
          photoUrls: [],
        });
        return HttpResponse.json<RepairTicketDetail>(detail(m, actor));
      }),
    ),
  ];
}
