import type { Selectable } from 'kysely';

/** 报餐: primary key (person_id, date, meal) — one sign-up per person, day and meal. */
export interface HeadcountSignupsTable {
  person_id: string;
  date: string;
  meal: 'lunch' | 'dinner';
  canteen_id: string;
  created_at: string;
  updated_at: string;
}

export type HeadcountSignupRow = Selectable<HeadcountSignupsTable>;

/** The headcount module's tables. */
export interface HeadcountTables {
  headcount_signups: HeadcountSignupsTable;
}
