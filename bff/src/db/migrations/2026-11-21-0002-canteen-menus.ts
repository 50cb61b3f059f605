import { type Kysely, sql } from 'kysely';

// Frozen: never edit after it has shipped; add a new file instead. Types only from kysely.
// Canteen menus, dish votes and 报餐 (issue 3). Dates are 'YYYY-MM-DD' (Asia/Shanghai), times of day
// 'HH:mm', instants UTC ISO-8601 text, booleans 0/1, lists (tags, allergens) JSON text.
export async function up(db: Kysely<any>): Promise<void> {
  // 报餐 cut-off per canteen: `daysBefore` days before the meal's day at `time`. SQLite adds one
  // column per ALTER TABLE.
  await db.schema
    .alterTable('canteens')
    .addColumn('headcount_cutoff_days', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema
    .alterTable('canteens')
    .addColumn('headcount_cutoff_time', 'text', (c) => c.notNull().defaultTo('16:00'))
    .execute();

  // The meals a canteen serves and their serving windows: a row per meal, so "does it serve dinner"
  // is a key lookup rather than JSON parsing.
  await db.schema
    .createTable('canteen_meals')
    .addColumn('canteen_id', 'text', (c) => c.notNull().references('canteens.id').onDelete('cascade'))
    .addColumn('meal', 'text', (c) => c.notNull())
    .addColumn('serving_start', 'text', (c) => c.notNull())
    .addColumn('serving_end', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('canteen_meals_pk', ['canteen_id', 'meal'])
    .addCheckConstraint('canteen_meals_meal_ck', sql`meal in ('breakfast', 'lunch', 'dinner')`)
    .execute();
  // Canteens that exist already serve the three usual meals until an admin says otherwise.
  for (const [meal, start, end] of [
    ['breakfast', '07:00', '08:30'],
    ['lunch', '11:30', '13:00'],
    ['dinner', '17:30', '19:00'],
  ]) {
    await sql`insert into canteen_meals (canteen_id, meal, serving_start, serving_end)
              select id, ${meal}, ${start}, ${end} from canteens`.execute(db);
  }

  // Which canteen a canteen-role person works for. The takeaway migration (0003) creates the same
  // table with `if not exists`; the definitions must stay identical.
  await db.schema
    .createTable('canteen_staff')
    .ifNotExists()
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id').onDelete('cascade'))
    .addColumn('canteen_id', 'text', (c) => c.notNull().references('canteens.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('canteen_staff_pk', ['person_id', 'canteen_id'])
    .execute();
  await db.schema
    .createIndex('canteen_staff_canteen_idx')
    .ifNotExists()
    .on('canteen_staff')
    .column('canteen_id')
    .execute();

  // Uploaded files are named by a hash of their content; the bytes live in the Storage.
  await db.schema
    .createTable('uploads')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('content_type', 'text', (c) => c.notNull())
    .addColumn('bytes', 'integer', (c) => c.notNull())
    .addColumn('uploaded_by', 'text', (c) => c.references('people.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('dishes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('canteen_id', 'text', (c) => c.notNull().references('canteens.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('tags', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('allergens', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('photo', 'text', (c) => c.references('uploads.id'))
    .addColumn('retired', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  // Names are unique within a canteen, retired dishes included (restore instead of re-creating).
  await db.schema
    .createIndex('dishes_canteen_name_idx')
    .on('dishes')
    .columns(['canteen_id', 'name'])
    .unique()
    .execute();

  // One row per (canteen, day, meal) that has a menu, published or draft.
  await db.schema
    .createTable('menus')
    .addColumn('canteen_id', 'text', (c) => c.notNull().references('canteens.id'))
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('meal', 'text', (c) => c.notNull())
    .addColumn('published', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('published_at', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('menus_pk', ['canteen_id', 'date', 'meal'])
    .addCheckConstraint('menus_meal_ck', sql`meal in ('breakfast', 'lunch', 'dinner')`)
    .execute();

  await db.schema
    .createTable('menu_dishes')
    .addColumn('canteen_id', 'text', (c) => c.notNull())
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('meal', 'text', (c) => c.notNull())
    .addColumn('dish_id', 'text', (c) => c.notNull().references('dishes.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('menu_dishes_pk', ['canteen_id', 'date', 'meal', 'dish_id'])
    .addForeignKeyConstraint(
      'menu_dishes_menu_fk',
      ['canteen_id', 'date', 'meal'],
      'menus',
      ['canteen_id', 'date', 'meal'],
      (fk) => fk.onDelete('cascade'),
    )
    .execute();

  // One vote per person, canteen, day and dish: the primary key makes the database, not the code,
  // refuse a second row however many requests race. Counts are COUNTs over these rows.
  await db.schema
    .createTable('dish_votes')
    .addColumn('canteen_id', 'text', (c) => c.notNull().references('canteens.id'))
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('dish_id', 'text', (c) => c.notNull().references('dishes.id'))
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id').onDelete('cascade'))
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('dish_votes_pk', ['canteen_id', 'date', 'dish_id', 'person_id'])
    .addCheckConstraint('dish_votes_value_ck', sql`value in ('up', 'down')`)
    .execute();
  // Covers the menu read's and the ranking's COUNTs (value and person included): index-only.
  await db.schema
    .createIndex('dish_votes_count_idx')
    .on('dish_votes')
    .columns(['canteen_id', 'date', 'dish_id', 'value', 'person_id'])
    .execute();

  // 报餐: one sign-up per person, day and meal, at one canteen.
  await db.schema
    .createTable('headcount_signups')
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id').onDelete('cascade'))
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('meal', 'text', (c) => c.notNull())
    .addColumn('canteen_id', 'text', (c) => c.notNull().references('canteens.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('headcount_signups_pk', ['person_id', 'date', 'meal'])
    .addCheckConstraint('headcount_signups_meal_ck', sql`meal in ('lunch', 'dinner')`)
    .execute();
  await db.schema
    .createIndex('headcount_signups_forecast_idx')
    .on('headcount_signups')
    .columns(['canteen_id', 'date', 'meal'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'headcount_signups',
    'dish_votes',
    'menu_dishes',
    'menus',
    'dishes',
    'uploads',
    'canteen_staff',
    'canteen_meals',
  ]) {
    await db.schema.dropTable(table).ifExists().execute();
  }
  await db.schema.alterTable('canteens').dropColumn('headcount_cutoff_time').execute();
  await db.schema.alterTable('canteens').dropColumn('headcount_cutoff_days').execute();
}
