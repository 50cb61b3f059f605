import { sql, type Kysely } from 'kysely';

// Frozen: never edit after it has shipped; add a new file instead. Types only from kysely.
// Visitors (访客预约): visits with their personal data sealed (AES-256-GCM) and keyed hashes for
// look-ups, the campus's visitor settings, the block list, and an append-only audit log.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('visit_settings')
    .addColumn('campus_id', 'text', (c) => c.primaryKey().references('campuses.id'))
    // A pass works this many minutes before its window opens and after it closes.
    .addColumn('tolerance_minutes', 'integer', (c) => c.notNull().defaultTo(30))
    // Personal fields of a visit are cleared this many days after its window closed.
    .addColumn('retention_days', 'integer', (c) => c.notNull().defaultTo(30))
    .addColumn('requires_id_number', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();

  await db.schema
    .createTable('visits')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('campus_id', 'text', (c) => c.notNull().references('campuses.id'))
    .addColumn('host_id', 'text', (c) => c.notNull().references('people.id'))
    // Null until an invitation is accepted, and for a walk-in.
    .addColumn('visitor_id', 'text', (c) => c.references('people.id'))
    .addColumn('origin', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('starts_at', 'text', (c) => c.notNull())
    .addColumn('ends_at', 'text', (c) => c.notNull())
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('companions', 'integer', (c) => c.notNull().defaultTo(0))
    // Personal data: one sealed JSON (name, phone, ID number, plate); the masks shown in lists;
    // HMAC hashes for look-ups. All null once purged.
    .addColumn('personal_enc', 'text')
    .addColumn('name_masked', 'text')
    .addColumn('phone_masked', 'text')
    .addColumn('id_masked', 'text')
    .addColumn('plate_masked', 'text')
    .addColumn('phone_hash', 'text')
    .addColumn('id_hash', 'text')
    .addColumn('privacy_version', 'text')
    .addColumn('privacy_agreed_at', 'text')
    .addColumn('flagged', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('visits_before', 'integer', (c) => c.notNull().defaultTo(0))
    // The short code on the pass; cleared when the visit can no longer be used.
    .addColumn('pass_code', 'text')
    .addColumn('decline_reason', 'text')
    .addColumn('override_reason', 'text')
    .addColumn('decided_by', 'text', (c) => c.references('people.id'))
    .addColumn('decided_at', 'text')
    .addColumn('checked_in_at', 'text')
    .addColumn('checked_in_by', 'text', (c) => c.references('people.id'))
    .addColumn('checked_out_at', 'text')
    .addColumn('checked_out_by', 'text', (c) => c.references('people.id'))
    // The visitor deleted it from 我的来访 (the statistics keep it).
    .addColumn('visitor_deleted', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('purged_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  // Lists: the host's and the visitor's, newest first; the guard's day by start time; on-site and
  // overdue by status; the purge finds unpurged visits by end time; look-ups by hash and code.
  await db.schema.createIndex('visits_host_idx').on('visits').columns(['host_id', 'created_at', 'id']).execute();
  await db.schema.createIndex('visits_visitor_idx').on('visits').columns(['visitor_id', 'created_at', 'id']).execute();
  await db.schema
    .createIndex('visits_day_idx')
    .on('visits')
    .columns(['campus_id', 'date', 'starts_at', 'id'])
    .execute();
  await db.schema
    .createIndex('visits_status_idx')
    .on('visits')
    .columns(['campus_id', 'status', 'ends_at', 'id'])
    .execute();
  await db.schema
    .createIndex('visits_purge_idx')
    .on('visits')
    .columns(['ends_at', 'id'])
    .where(sql.ref('purged_at'), 'is', null)
    .execute();
  await db.schema.createIndex('visits_phone_hash_idx').on('visits').column('phone_hash').execute();
  await db.schema.createIndex('visits_pass_code_idx').on('visits').column('pass_code').unique().execute();

  await db.schema
    .createTable('visitor_blocks')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('campus_id', 'text', (c) => c.notNull().references('campuses.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('value_hash', 'text', (c) => c.notNull())
    .addColumn('value_masked', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('visitor_blocks_value_idx')
    .on('visitor_blocks')
    .columns(['campus_id', 'kind', 'value_hash'])
    .unique()
    .execute();
  await db.schema
    .createIndex('visitor_blocks_list_idx')
    .on('visitor_blocks')
    .columns(['campus_id', 'created_at', 'id'])
    .execute();

  // Append-only: who did what to which visit, when, in which role. No personal data in `detail`.
  await db.schema
    .createTable('visit_audit')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('campus_id', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text')
    .addColumn('actor_role', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('visit_id', 'text')
    .addColumn('detail', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  await db.schema.createIndex('visit_audit_list_idx').on('visit_audit').columns(['campus_id', 'at', 'id']).execute();
  await db.schema.createIndex('visit_audit_at_idx').on('visit_audit').columns(['at', 'id']).execute();

  // The database itself refuses to edit the audit log, and to delete a row younger than 183 days
  // (six months): only the retention job's delete of older rows passes.
  if (await isPostgres(db)) {
    await sql`
      create function visit_audit_guard() returns trigger language plpgsql as $$
      begin
        if tg_op = 'UPDATE' then
          raise exception 'visit_audit is append-only';
        end if;
        if old.at >= to_char((now() at time zone 'utc') - interval '183 days', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') then
          raise exception 'visit_audit rows are kept for 183 days';
        end if;
        return old;
      end $$`.execute(db);
    await sql`create trigger visit_audit_no_update before update or delete on visit_audit
      for each row execute function visit_audit_guard()`.execute(db);
  } else {
    await sql`create trigger visit_audit_no_update before update on visit_audit
      begin select raise(abort, 'visit_audit is append-only'); end`.execute(db);
    await sql`create trigger visit_audit_no_early_delete before delete on visit_audit
      when old.at >= strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '-183 days')
      begin select raise(abort, 'visit_audit rows are kept for 183 days'); end`.execute(db);
  }
}

/** PostgreSQL has version(); SQLite has none (a failed statement there changes nothing). */
async function isPostgres(db: Kysely<any>): Promise<boolean> {
  try {
    await sql`select version()`.execute(db);
    return true;
  } catch {
    return false;
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('visit_audit').execute();
  await db.schema.dropTable('visitor_blocks').execute();
  await db.schema.dropTable('visits').execute();
  await db.schema.dropTable('visit_settings').execute();
}
