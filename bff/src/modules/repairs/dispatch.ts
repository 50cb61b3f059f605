import type { Kysely } from 'kysely';
import type { RepairShift } from '@contract/repairs.schema';
import type { Database } from '../../db/schema';
import { jsonArray, onDuty } from './duty';
import { listRepairers, lockRepairers, openTicketCounts } from './repairs.repository';

/**
 * Automatic dispatch: among the repairers with the category's skill, the building's area (any
 * area when the place was typed), on duty now and not among `exclude` (who declined it), the one
 * with the fewest open tickets (ties: the lowest person id). Null when nobody is eligible.
 *
 * Runs inside the transaction that writes the choice: the candidates' rows are locked first
 * (PostgreSQL; SQLite writes one transaction at a time), so of many reports at once each counts
 * the tickets the ones before it gave out, and the load spreads evenly.
 */
export async function chooseRepairer(
  trx: Kysely<Database>,
  need: { skill: string; area: string | null; exclude: readonly string[]; now: Date; postgres: boolean },
): Promise<string | null> {
  const eligible = (await listRepairers(trx))
    .filter((r) => !need.exclude.includes(r.person_id))
    .filter((r) => jsonArray<string>(r.skills).includes(need.skill))
    .filter((r) => need.area === null || jsonArray<string>(r.areas).includes(need.area))
    .filter((r) => onDuty(jsonArray<RepairShift>(r.shifts), need.now))
    .map((r) => r.person_id);
  if (eligible.length === 0) return null;
  await lockRepairers(trx, eligible, need.postgres);
  const counts = await openTicketCounts(trx, eligible);
  let best: string | null = null;
  for (const id of eligible) {
    if (best === null || (counts.get(id) ?? 0) < (counts.get(best) ?? 0)) best = id;
  }
  return best;
}
