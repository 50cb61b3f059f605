import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import type { GateClient } from '../../integrations/gate/gate-client';
import { toInstant, toStored, type Clock } from '../../lib/time';
import { enqueue } from '../../outbox/outbox.repository';
import type { OutboxHandler } from '../../outbox/outbox.worker';
import { insertGateChange, markChangesSent, pendingChanges } from './parking.repository';
import type { BookingRow } from './parking.table';

export const GATE_TOPIC = 'parking.gate-whitelist';

/**
 * Change ids order a gate's changes: the time in ms, then a counter, so two changes made in the
 * same millisecond by this process keep the order they were made in (a booking's add always
 * precedes its remove: they are written by transactions one after the other).
 */
let lastMs = 0;
let counter = 0;
function nextChangeId(): string {
  const ms = Date.now();
  if (ms > lastMs) {
    lastMs = ms;
    counter = 0;
  } else counter++;
  return `${String(lastMs).padStart(14, '0')}-${String(counter).padStart(6, '0')}-${Math.random().toString(36).slice(2, 8)}`;
}

/**
 * Records that the gate's whitelist must gain (add) or lose (remove) a booking's plate, in the
 * caller's transaction, with the outbox row that will deliver it: the change reaches the gate if
 * and only if the booking's change commits.
 */
export async function queueWhitelist(
  trx: Kysely<Database>,
  clock: Clock,
  gateId: string,
  op: 'add' | 'remove',
  booking: Pick<BookingRow, 'id' | 'plate' | 'lot_id' | 'starts_at' | 'ends_at'>,
  toleranceMinutes: number,
): Promise<void> {
  const id = nextChangeId();
  const at = toStored(clock.now());
  const pad = toleranceMinutes * 60_000;
  await insertGateChange(trx, {
    id,
    gate_id: gateId,
    op,
    plate: booking.plate,
    lot_id: booking.lot_id,
    booking_id: booking.id,
    valid_from: toStored(new Date(new Date(booking.starts_at).getTime() - pad)),
    valid_to: toStored(new Date(new Date(booking.ends_at).getTime() + pad)),
    created_at: at,
    sent_at: null,
  });
  await enqueue(trx, GATE_TOPIC, { gateId, changeId: id }, at);
}

/**
 * Delivers a gate's pending changes up to this row's, oldest first, and marks them sent once the
 * gate acknowledged them. Outbox rows may be retried out of order (a refused row waits for its
 * back-off while a later one is tried); whichever runs first sends every earlier change too, so
 * the gate always receives them in order, and a row whose change went already sends nothing.
 * Each change carries its id, so a gate that got a batch whose acknowledgement was lost ignores
 * the repeat: applied once.
 */
export function gateHandler(deps: { clock: Clock; gate: GateClient }): OutboxHandler {
  return async (payload, { db }) => {
    const { gateId, changeId } = payload as { gateId?: unknown; changeId?: unknown };
    if (typeof gateId !== 'string' || typeof changeId !== 'string') throw new Error('malformed gate payload');
    const changes = await pendingChanges(db, gateId, changeId);
    if (changes.length === 0) return;
    await deps.gate.push(
      gateId,
      changes.map((c) => ({
        changeId: c.id,
        op: c.op,
        plate: c.plate,
        lotId: c.lot_id,
        validFrom: toInstant(c.valid_from),
        validTo: toInstant(c.valid_to),
      })),
    );
    await markChangesSent(
      db,
      changes.map((c) => c.id),
      toStored(deps.clock.now()),
    );
  };
}
