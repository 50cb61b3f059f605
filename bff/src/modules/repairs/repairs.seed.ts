import type { Kysely } from 'kysely';
import type { RepairSkill } from '@contract/repairs';
import type { RepairShift } from '@contract/repairs.schema';
import type { Database } from '../../db/schema';
import { DEMO_BUILDINGS, DEMO_CAMPUS } from '../../db/seed-data';
import { addMs, toStored, type Clock } from '../../lib/time';
import {
  findTicket,
  insertBuildingAreas,
  insertCategories,
  insertEvents,
  insertFloorsAndRooms,
  insertRepairers,
  insertTickets,
  NO_PROGRESS,
} from './repairs.repository';
import type { RepairEventRow, RepairTicketRow } from './repairs.table';

/** The demo's categories: skill and SLA (accept minutes, arrive minutes, finish hours). */
export const DEMO_REPAIR_CATEGORIES: {
  id: string;
  name: string;
  skill: RepairSkill;
  sla: [number, number, number];
}[] = [
  { id: 'rc-plumbing', name: '水电', skill: 'plumbing', sla: [5, 15, 4] },
  { id: 'rc-hvac', name: '空调', skill: 'hvac', sla: [10, 30, 8] },
  { id: 'rc-network', name: '网络', skill: 'network', sla: [10, 30, 4] },
  { id: 'rc-doors', name: '门窗', skill: 'carpentry', sla: [15, 60, 24] },
  { id: 'rc-furniture', name: '家具', skill: 'furniture', sla: [30, 120, 48] },
  { id: 'rc-cleaning', name: '保洁', skill: 'cleaning', sla: [10, 20, 2] },
];

/** Buildings A and B are the east area, C and D the west. */
const AREAS: Record<string, string> = { 'bld-a': '东区', 'bld-b': '东区', 'bld-c': '西区', 'bld-d': '西区' };
const FLOORS = 6;
const ROOMS_PER_FLOOR = 8;

const ALL_DAY: RepairShift[] = [{ weekdays: [1, 2, 3, 4, 5, 6, 7], starts: '00:00', ends: '24:00' }];
const OFFICE_HOURS: RepairShift[] = [{ weekdays: [1, 2, 3, 4, 5], starts: '08:30', ends: '17:30' }];

/** Between them the two crew members cover every skill in both areas around the clock. */
export const DEMO_REPAIRERS: { personId: string; skills: RepairSkill[]; areas: string[]; shifts: RepairShift[] }[] = [
  { personId: 'demo-repairer-01', skills: ['plumbing', 'hvac', 'carpentry'], areas: ['东区', '西区'], shifts: ALL_DAY },
  {
    personId: 'demo-repairer-02',
    skills: ['plumbing', 'network', 'furniture', 'cleaning'],
    areas: ['东区', '西区'],
    shifts: ALL_DAY,
  },
  {
    personId: 'demo-dispatcher-01',
    skills: ['plumbing', 'hvac', 'network', 'carpentry', 'furniture', 'cleaning'],
    areas: ['东区'],
    shifts: OFFICE_HOURS,
  },
];

const letterOf = (buildingId: string) => buildingId.replace('bld-', '').toUpperCase();
export const demoRoomId = (buildingId: string, floor: number, room: number) =>
  `rr-${letterOf(buildingId).toLowerCase()}-${floor}${String(room).padStart(2, '0')}`;

/** Fixed ids (hex, like every ticket id) so the demo tickets are written once. */
const demoTicketId = (n: number) => `0193a000-0000-7000-8000-${String(n).padStart(12, '0')}`;

/** The repairs demo, idempotent: places, categories, the crew's profiles, and tickets in each state. */
export async function seedRepairsDemo(db: Kysely<Database>, clock: Clock): Promise<void> {
  const buildings = new Set((await db.selectFrom('buildings').select('id').execute()).map((b) => b.id));
  const present = DEMO_BUILDINGS.filter((b) => buildings.has(b.id));
  await insertBuildingAreas(
    db,
    present.map((b) => ({ building_id: b.id, area: AREAS[b.id] ?? '东区' })),
  );
  const floors = present.flatMap((b) =>
    Array.from({ length: FLOORS }, (_, i) => ({
      id: `rf-${b.id}-${i + 1}`,
      building_id: b.id,
      name: `${i + 1}层`,
      sort: i + 1,
    })),
  );
  const rooms = floors.flatMap((f) =>
    Array.from({ length: ROOMS_PER_FLOOR }, (_, i) => ({
      id: demoRoomId(f.building_id, f.sort, i + 1),
      floor_id: f.id,
      name: `${letterOf(f.building_id)}${f.sort}${String(i + 1).padStart(2, '0')}`,
      sort: i + 1,
    })),
  );
  await insertFloorsAndRooms(db, floors, rooms);
  await insertCategories(
    db,
    DEMO_REPAIR_CATEGORIES.map((c, sort) => ({
      id: c.id,
      campus_id: DEMO_CAMPUS.id,
      name: c.name,
      skill: c.skill,
      accept_minutes: c.sla[0],
      arrive_minutes: c.sla[1],
      finish_hours: c.sla[2],
      active: 1,
      sort,
    })),
  );
  const people = new Set(
    (
      await db
        .selectFrom('people')
        .select('id')
        .where(
          'id',
          'in',
          DEMO_REPAIRERS.map((r) => r.personId),
        )
        .execute()
    ).map((p) => p.id),
  );
  await insertRepairers(
    db,
    DEMO_REPAIRERS.filter((r) => people.has(r.personId)).map((r) => ({
      person_id: r.personId,
      skills: JSON.stringify(r.skills),
      areas: JSON.stringify(r.areas),
      shifts: JSON.stringify(r.shifts),
      updated_at: toStored(clock.now()),
    })),
  );
  if (people.has('demo-repairer-01') && people.has('demo-repairer-02')) await seedTickets(db, clock);
}

/** A few tickets in every state, written once (the first start), timed around that moment. */
async function seedTickets(db: Kysely<Database>, clock: Clock): Promise<void> {
  if (await findTicket(db, demoTicketId(1))) return;
  const requester = await db.selectFrom('people').select('id').where('id', '=', 'demo-staff-02').executeTakeFirst();
  if (!requester) return;
  const now = clock.now();
  const at = (minutes: number) => toStored(addMs(now, minutes * 60_000));
  const base = (n: number, created: number, category: string, room: string, text: string, description: string) => {
    const sla = DEMO_REPAIR_CATEGORIES.find((c) => c.id === category)?.sla ?? [10, 30, 4];
    return {
      id: demoTicketId(n),
      number: `BXDEMO${String(n).padStart(4, '0')}`,
      requester_id: requester.id,
      idempotency_key: `demo-seed-${n}`,
      category_id: category,
      building_id: room.startsWith('rr-a') ? 'bld-a' : room.startsWith('rr-b') ? 'bld-b' : 'bld-c',
      room_id: room,
      location_text: text,
      description,
      photo_ids: '[]',
      urgent: 0,
      version: 1,
      created_at: at(created),
      accept_due: at(created + sla[0]),
      arrive_due: at(created + sla[1]),
      finish_due: at(created + sla[2] * 60),
      ...NO_PROGRESS,
      escalation_level: 0,
    } satisfies Partial<RepairTicketRow>;
  };
  const r1 = 'demo-repairer-01';
  const r2 = 'demo-repairer-02';
  const rows: RepairTicketRow[] = [
    {
      ...base(1, -3, 'rc-furniture', 'rr-c-305', 'C座 3层 C305', '会议桌桌腿松动，桌面摇晃。'),
      status: 'pending',
      assignee_id: null,
      due_at: at(27),
      check_at: at(27),
    },
    {
      ...base(2, -2, 'rc-hvac', 'rr-a-402', 'A座 4层 A402', '空调不制冷，出风口有异响。'),
      status: 'assigned',
      assignee_id: r1,
      due_at: at(8),
      check_at: at(8),
    },
    {
      ...base(3, -12, 'rc-network', 'rr-b-201', 'B座 2层 B201', '办公室网口无信号，电脑无法上网。'),
      status: 'accepted',
      assignee_id: r2,
      accepted_at: at(-8),
      response_ms: 4 * 60_000,
      due_at: at(18),
      check_at: at(18),
    },
    {
      ...base(4, -40, 'rc-plumbing', 'rr-a-101', 'A座 1层 A101', '卫生间洗手池下水管漏水。'),
      status: 'arrived',
      assignee_id: r1,
      accepted_at: at(-37),
      arrived_at: at(-30),
      response_ms: 3 * 60_000,
      onsite_ms: 10 * 60_000,
      due_at: at(200),
      check_at: at(200),
    },
    {
      ...base(5, -90, 'rc-doors', 'rr-c-506', 'C座 5层 C506', '窗户把手断裂，无法关窗。'),
      status: 'paused',
      assignee_id: r1,
      accepted_at: at(-80),
      arrived_at: at(-60),
      paused_at: at(-50),
      response_ms: 10 * 60_000,
      onsite_ms: 30 * 60_000,
      due_at: null,
      check_at: null,
    },
    {
      ...base(6, -60 * 26, 'rc-plumbing', 'rr-b-305', 'B座 3层 B305', '饮水机旁地面渗水。'),
      status: 'finished',
      assignee_id: r2,
      accepted_at: at(-60 * 26 + 3),
      arrived_at: at(-60 * 26 + 12),
      finished_at: at(-60 * 25),
      closed_at: at(-60 * 25),
      response_ms: 3 * 60_000,
      onsite_ms: 12 * 60_000,
      on_time: 1,
      finish_note: '更换进水软管，已试水无渗漏。',
      score: 5,
      comment: '师傅来得很快，修得很好。',
      due_at: null,
      check_at: null,
    },
    {
      ...base(7, -60 * 5, 'rc-cleaning', 'rr-a-203', 'A座 2层 A203', '会议后地毯有咖啡污渍。'),
      status: 'finished',
      assignee_id: r2,
      accepted_at: at(-60 * 5 + 15),
      arrived_at: at(-60 * 5 + 40),
      finished_at: at(-60 * 2),
      closed_at: at(-60 * 2),
      response_ms: 15 * 60_000,
      onsite_ms: 40 * 60_000,
      on_time: 0,
      finish_note: '已清洗，晾干后无痕迹。',
      due_at: null,
      check_at: null,
    },
    {
      ...base(8, -60 * 3, 'rc-network', 'rr-b-402', 'B座 4层 B402', '打印机连不上网络。'),
      status: 'cancelled',
      assignee_id: null,
      closed_at: at(-60 * 3 + 2),
      due_at: null,
      check_at: null,
    },
  ];
  // One statement for the tickets, one for their timelines: the seed runs at every start (and test).
  const events: RepairEventRow[] = [];
  for (const [i, row] of rows.entries()) {
    // The timeline the states imply, from the row's own times.
    const steps: [string, string | null, string | null, string | null, string | null][] = [
      ['reported', row.created_at, row.requester_id, null, row.description],
      row.status === 'pending' || row.status === 'cancelled'
        ? ['queued', row.created_at, null, null, null]
        : ['dispatched', row.created_at, null, row.assignee_id, null],
      ['accepted', row.accepted_at, row.assignee_id, null, null],
      ['arrived', row.arrived_at, row.assignee_id, null, null],
      ['paused', row.paused_at, row.assignee_id, null, '等待更换配件'],
      ['finished', row.finished_at, row.assignee_id, null, row.finish_note],
      ['rated', row.score === null ? null : row.finished_at, row.requester_id, null, `${row.score} 分：${row.comment}`],
      ['cancelled', row.status === 'cancelled' ? row.closed_at : null, row.requester_id, null, '已自行解决'],
    ];
    for (const [k, [kind, when, actor, target, note]] of steps.entries()) {
      if (when === null) continue;
      events.push({
        id: `0193a001-0000-7000-8000-${String(i * 10 + k).padStart(12, '0')}`,
        ticket_id: row.id,
        kind,
        actor_id: actor,
        target_id: target,
        note,
        photo_ids: '[]',
        created_at: when,
      });
    }
  }
  await insertTickets(db, rows);
  await insertEvents(db, events);
}
