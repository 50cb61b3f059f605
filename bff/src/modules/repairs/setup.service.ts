import type { Kysely } from 'kysely';
import { typedText } from '@contract/text';
import type {
  RepairCategory,
  RepairCategoryInput,
  RepairerProfile,
  RepairerProfileInput,
  RepairLocations,
  RepairShift,
} from '@contract/repairs.schema';
import type { Database } from '../../db/schema';
import { DomainError, notFound } from '../../errors';
import { newId } from '../../lib/ids';
import { transactionWithRetry } from '../../lib/retry-transaction';
import { toStored, type Clock } from '../../lib/time';
import { jsonArray, onDuty } from './duty';
import {
  findBuilding,
  findCategory,
  insertCategories,
  listBuildings,
  listCategories,
  listFloorsAndRooms,
  listRepairers,
  nextCategorySort,
  openTicketCounts,
  insertPlace,
  setBuildingArea,
  updateCategory,
  upsertRepairer,
  type RepairerRecord,
} from './repairs.repository';
import type { RepairCategoryRow } from './repairs.table';

/** A short name (category, area, floor, room): one line, not blank. */
function shortName(text: string): string {
  const name = typedText(text, false);
  if (name === undefined) throw new DomainError('REPAIR_TEXT_INVALID', 400);
  return name;
}

const toCategory = (row: RepairCategoryRow): RepairCategory => ({
  id: row.id,
  name: row.name,
  skill: row.skill as RepairCategory['skill'],
  sla: { acceptMinutes: row.accept_minutes, arriveMinutes: row.arrive_minutes, finishHours: row.finish_hours },
  active: row.active === 1,
});

/** A shift must have a length: the same start and end would mean nothing (use 00:00–24:00 for all day). */
function checkShifts(shifts: readonly RepairShift[]): void {
  for (const s of shifts) if (s.starts === s.ends) throw new DomainError('REPAIR_SHIFT_INVALID', 400);
}

/**
 * What the dispatchers and admins set up: categories with their SLA and skill (category → skill),
 * each building's area (building → area), the campus's floors and rooms, repairer profiles
 * (skills, areas, weekly shifts).
 */
export function createSetupService(deps: {
  db: Kysely<Database>;
  clock: Clock;
  postgres: boolean;
  campusId: () => Promise<string>;
}) {
  const { db, clock, postgres } = deps;

  function toProfile(row: RepairerRecord, open: number): RepairerProfile {
    const shifts = jsonArray<RepairShift>(row.shifts);
    return {
      personId: row.person_id,
      name: row.name,
      unit: row.unit,
      skills: jsonArray<RepairerProfile['skills'][number]>(row.skills),
      areas: jsonArray<string>(row.areas),
      shifts,
      onDuty: onDuty(shifts, clock.now()),
      openTickets: open,
    };
  }

  async function profiles(personId?: string): Promise<RepairerProfile[]> {
    const rows = await listRepairers(db, personId);
    const counts = await openTicketCounts(
      db,
      rows.map((r) => r.person_id),
    );
    return rows.map((r) => toProfile(r, counts.get(r.person_id) ?? 0));
  }

  return {
    async categories(all: boolean): Promise<RepairCategory[]> {
      return (await listCategories(db, !all)).map(toCategory);
    },

    async createCategory(input: RepairCategoryInput): Promise<RepairCategory> {
      const row: RepairCategoryRow = {
        id: newId(),
        campus_id: await deps.campusId(),
        name: shortName(input.name),
        skill: input.skill,
        accept_minutes: input.sla.acceptMinutes,
        arrive_minutes: input.sla.arriveMinutes,
        finish_hours: input.sla.finishHours,
        active: input.active === false ? 0 : 1,
        sort: await nextCategorySort(db),
      };
      await insertCategories(db, [row]);
      return toCategory(row);
    },

    /** Changes apply to tickets reported from now on; a ticket keeps the deadlines it was promised. */
    async updateCategory(id: string, input: RepairCategoryInput): Promise<RepairCategory> {
      const updated = await updateCategory(db, id, {
        name: shortName(input.name),
        skill: input.skill,
        accept_minutes: input.sla.acceptMinutes,
        arrive_minutes: input.sla.arriveMinutes,
        finish_hours: input.sla.finishHours,
        ...(input.active === undefined ? {} : { active: input.active ? 1 : 0 }),
      });
      const row = updated ? await findCategory(db, id) : undefined;
      if (!row) throw notFound('REPAIR_CATEGORY_NOT_FOUND');
      return toCategory(row);
    },

    async locations(): Promise<RepairLocations> {
      const [buildings, { floors, rooms }] = await Promise.all([listBuildings(db), listFloorsAndRooms(db)]);
      return {
        buildings: buildings.map((b) => ({
          id: b.id,
          name: b.name,
          area: b.area ?? null,
          floors: floors
            .filter((f) => f.building_id === b.id)
            .map((f) => ({
              id: f.id,
              name: f.name,
              rooms: rooms.filter((r) => r.floor_id === f.id).map((r) => ({ id: r.id, name: r.name })),
            })),
        })),
      };
    },

    /** A floor for a building, or a room for a floor, last in its order: answers the places as they are now. */
    async addPlace(level: 'floor' | 'room', parentId: string, name: string): Promise<RepairLocations> {
      const outcome = await transactionWithRetry(db, (trx) =>
        insertPlace(trx, level, { parentId, id: newId(), name: shortName(name) }, postgres),
      );
      if (outcome === 'no-parent')
        throw notFound(level === 'floor' ? 'REPAIR_BUILDING_NOT_FOUND' : 'REPAIR_FLOOR_NOT_FOUND');
      if (outcome === 'taken') throw new DomainError('REPAIR_PLACE_NAME_TAKEN', 409);
      return this.locations();
    },

    async setBuildingArea(buildingId: string, area: string): Promise<void> {
      if (!(await findBuilding(db, buildingId))) throw notFound('REPAIR_BUILDING_NOT_FOUND');
      await setBuildingArea(db, buildingId, shortName(area));
    },

    repairers: () => profiles(),

    async repairer(personId: string): Promise<RepairerProfile> {
      const [profile] = await profiles(personId);
      if (!profile) throw notFound('REPAIRER_NOT_FOUND');
      return profile;
    },

    async saveRepairer(personId: string, input: RepairerProfileInput): Promise<RepairerProfile> {
      if ((await listRepairers(db, personId)).length !== 1) throw notFound('REPAIRER_NOT_FOUND');
      checkShifts(input.shifts);
      await upsertRepairer(db, {
        person_id: personId,
        skills: JSON.stringify(input.skills),
        areas: JSON.stringify(input.areas.map(shortName)),
        shifts: JSON.stringify(input.shifts),
        updated_at: toStored(clock.now()),
      });
      const [profile] = await profiles(personId);
      return profile;
    },
  };
}

export type SetupService = ReturnType<typeof createSetupService>;
