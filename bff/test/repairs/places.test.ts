import type { RepairLocations } from '@contract/repairs.schema';
import { caller, expectError, type Caller } from '../support/caller';
import { createTestApp, type TestApp } from '../support/test-app';
import { dialectUnderTest } from '../support/test-db';
import { report } from './support';

let t: TestApp;
let staff: Caller; // demo-staff-01
let dispatcher: Caller; // demo-staff-08 (staff + dispatcher)

beforeAll(async () => {
  t = await createTestApp();
  [staff, dispatcher] = await Promise.all(['demo-staff-01', 'demo-staff-08'].map((id) => caller(t, id)));
}, 60_000);
afterAll(async () => {
  await t.close();
});

const buildingA = (places: RepairLocations) => places.buildings.find((b) => b.id === 'bld-a')!;
const placeCount = async () => {
  const [floors, rooms] = await Promise.all([
    t.db.db.selectFrom('repair_floors').select('id').execute(),
    t.db.db.selectFrom('repair_rooms').select('id').execute(),
  ]);
  return floors.length + rooms.length;
};

describe(`楼层与房间 (${dialectUnderTest()})`, () => {
  it('a dispatcher adds a floor and a room, last in their order, and staff report from the new room', async () => {
    const floorAnswer = await dispatcher.call('POST', '/api/repairs/buildings/bld-a/floors', { name: '屋顶层' });
    expect(floorAnswer.statusCode).toBe(201);
    const floor = buildingA(floorAnswer.json()).floors.at(-1)!;
    expect(floor).toMatchObject({ name: '屋顶层', rooms: [] });

    const roomAnswer = await dispatcher.call('POST', `/api/repairs/floors/${floor.id}/rooms`, { name: '水箱间' });
    expect(roomAnswer.statusCode).toBe(201);
    const room = buildingA(roomAnswer.json())
      .floors.find((f) => f.id === floor.id)!
      .rooms.at(-1)!;
    expect(room.name).toBe('水箱间');

    const seen: RepairLocations = (await staff.call('GET', '/api/repairs/locations')).json();
    expect(
      buildingA(seen)
        .floors.at(-1)!
        .rooms.map((r) => r.name),
    ).toEqual(['水箱间']);
    const ticket = await report(staff, { locationId: room.id, description: '水箱溢水' });
    expect(ticket.location).toMatchObject({ text: 'A座 屋顶层 水箱间', roomId: room.id });
  });

  it('adds one of a name however many ask at once; others get 409 and nothing is written twice', async () => {
    const answers = await Promise.all(
      [1, 2, 3, 4, 5].map(() => dispatcher.call('POST', '/api/repairs/buildings/bld-b/floors', { name: '夹层' })),
    );
    expect(answers.map((a) => a.statusCode).sort()).toEqual([201, 409, 409, 409, 409]);
    for (const refused of answers.filter((a) => a.statusCode === 409))
      expectError(refused, 409, 'REPAIR_PLACE_NAME_TAKEN');
    const floors = await t.db.db.selectFrom('repair_floors').select('id').where('name', '=', '夹层').execute();
    expect(floors).toHaveLength(1);
  });

  it('only dispatchers and admins add places; bad input is refused with its code and changes nothing', async () => {
    const before = await placeCount();
    expect((await staff.call('POST', '/api/repairs/buildings/bld-a/floors', { name: '7层' })).statusCode).toBe(403);
    expectError(
      await dispatcher.call('POST', '/api/repairs/buildings/bld-nope/floors', { name: '7层' }),
      404,
      'REPAIR_BUILDING_NOT_FOUND',
    );
    expectError(
      await dispatcher.call('POST', '/api/repairs/floors/rf-nope/rooms', { name: '701' }),
      404,
      'REPAIR_FLOOR_NOT_FOUND',
    );
    expectError(
      await dispatcher.call('POST', '/api/repairs/buildings/bld-a/floors', { name: '' }),
      400,
      'VALIDATION_FAILED',
    );
    expectError(
      await dispatcher.call('POST', '/api/repairs/buildings/bld-a/floors', { name: '层'.repeat(21) }),
      400,
      'VALIDATION_FAILED',
    );
    expectError(
      await dispatcher.call('POST', '/api/repairs/buildings/bld-a/floors', { name: '\u200b' }),
      400,
      'TEXT_BLANK',
    );
    for (const name of ['   ', '7\n层'])
      expectError(
        await dispatcher.call('POST', '/api/repairs/buildings/bld-a/floors', { name }),
        400,
        'REPAIR_TEXT_INVALID',
      );
    const first = buildingA((await staff.call('GET', '/api/repairs/locations')).json()).floors[0];
    expectError(
      await dispatcher.call('POST', `/api/repairs/floors/${first.id}/rooms`, { name: first.rooms[0].name }),
      409,
      'REPAIR_PLACE_NAME_TAKEN',
    );
    expect(await placeCount()).toBe(before);
  });
});
