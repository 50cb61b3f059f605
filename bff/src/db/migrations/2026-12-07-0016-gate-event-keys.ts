import { sql, type Kysely } from 'kysely';

// Frozen: never edit after it has shipped; add a new file instead. Types only from kysely.
// A gate's event ids are its own: two gates may both send event 1001, and a guard's console may
// not take a controller's id. The stored key names its source (`<gate id>:<id>` for a signed
// gate, `console:<person id>:<id>` for a guard's console), so the existing unique index of
// event_id keeps each source's ids apart. Rows recorded before are given their gate's prefix.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`update parking_gate_events set event_id = gate_id || ':' || event_id`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`update parking_gate_events set event_id = substr(event_id, length(gate_id) + 2) where event_id like gate_id || ':%'`.execute(
    db,
  );
}
