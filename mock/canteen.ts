import { http, HttpResponse, type HttpHandler } from 'msw';
import {
  ALLERGENS,
  DISH_CATEGORIES,
  HEADCOUNT_MEALS,
  MEAL_KINDS,
  TIME_PATTERN,
  headcountDeadline,
  votingState,
  type Allergen,
  type DishCategory,
  type HeadcountCutoff,
  type HeadcountMeal,
  type MealKind,
  type ServingWindow,
  type VoteValue,
} from '../contract/canteen';
import type {
  Canteen,
  CanteenList,
  DayMenu,
  Dish,
  DishList,
  MenuCopyResult,
  MenuDish,
  MenuStatusList,
  RankedDish,
  Ranking,
  VoteResult,
  WeekMenu,
} from '../contract/canteen.schema';
import type { ErrorBody } from '../contract/common.schema';
import { ERROR_MESSAGES, type ErrorCode } from '../contract/errors';
import type { Forecast, MyHeadcount } from '../contract/headcount.schema';
import type { Role } from '../contract/roles';
import { UPLOAD_MAX_BYTES, UPLOAD_URL_PATTERN, type Upload } from '../contract/uploads.schema';
import {
  CALENDAR_LAST_YEAR,
  addDays,
  calendarDay,
  calendarKnows,
  datesFrom,
  daysBetween,
  isValidDate,
  isWorkday,
  mondayOf,
  nextWorkdays,
  shanghaiDate,
} from '../contract/workdays';
import type { MockPerson } from './data';
import { onMockReset } from './state';

/**
 * 今日菜品, 赞/踩, 报餐 and dish photos (issue 3) served from memory, behaving like the BFF's canteen,
 * headcount and uploads modules: the same rules and error codes (vote window, published menus only,
 * managers of that canteen only, 报餐 cut-off, image type and size by content).
 *
 * Demo world: 第一食堂 (canteen-1, managed by demo-canteen 王芳) and 第二食堂 (canteen-2), each with a
 * dish library and menus for every day from 7 days ago to 13 days ahead — published up to 6 days
 * ahead, drafts after that — and a few votes on today's lunch at 第一食堂.
 */

type Failure = HttpResponse<ErrorBody>;

export interface CanteenMockDeps {
  /** The signed-in person, or the 401/403 the BFF would answer (handlers.ts). */
  authenticate(request: Request): MockPerson | Failure;
  /** The mock's clock, epoch ms (mockState.now). */
  now(): number;
}

interface MockCanteen {
  id: string;
  name: string;
  location: string;
  meals: ServingWindow[];
  cutoff: HeadcountCutoff;
  /** People (with the 食堂 role) who manage it. */
  staff: string[];
}

interface MockMenu {
  dishIds: string[];
  published: boolean;
  publishedAt: string | null;
}

export interface CanteenWorld {
  canteens: MockCanteen[];
  dishes: Map<string, Dish>;
  /** `${canteenId}|${date}|${meal}` */
  menus: Map<string, MockMenu>;
  /** `${canteenId}|${date}|${dishId}|${personId}` */
  votes: Map<string, VoteValue>;
  /** `${personId}|${date}|${meal}` → canteen id */
  signups: Map<string, string>;
  /** Uploaded file names. */
  uploads: Set<string>;
  seq: number;
}

const HOUR = 3_600_000;
const MENU_HORIZON_DAYS = 90;
const PUBLISH_MAX_DAYS = 14;
const RANKING_MAX_DAYS = 366;
const FORECAST_MAX_DAYS = 31;
const HEADCOUNT_HORIZON_DAYS = 30;
const DINERS: readonly Role[] = ['staff', 'canteen', 'admin'];
const MANAGERS: readonly Role[] = ['canteen', 'admin'];
const EATERS: readonly Role[] = ['staff', 'admin'];

let clock: () => number = () => Date.now();
let world: CanteenWorld | null = null;

function toInstant(epochMs: number): string {
  return `${new Date(epochMs + 8 * HOUR).toISOString().slice(0, -1)}+08:00`;
}

const today = () => shanghaiDate(clock());
const menuKey = (canteenId: string, date: string, meal: MealKind) => `${canteenId}|${date}|${meal}`;

function fail(status: number, code: ErrorCode): Failure {
  return HttpResponse.json<ErrorBody>({ error: { code, message: ERROR_MESSAGES[code] } }, { status });
}

const isFailure = (value: unknown): value is Failure => value instanceof Response;

// ---- the demo world ---------------------------------------------------------------------------

type Seed = [name: string, category: DishCategory, tags: string[], allergens: Allergen[], description: string];

const LIBRARY: Record<string, Seed[]> = {
  'canteen-1': [
    ['红烧肉', '荤菜', ['招牌'], ['大豆'], '五花肉慢火红烧，肥而不腻。'],
    ['番茄炒蛋', '半荤', ['清淡'], ['蛋类'], '家常味道。'],
    ['清炒时蔬', '素菜', ['清淡', '健康餐'], [], '当季蔬菜清炒。'],
    ['宫保鸡丁', '荤菜', ['微辣'], ['花生', '大豆'], '鸡丁配花生米。'],
    ['麻婆豆腐', '半荤', ['辣'], ['大豆'], '麻辣鲜香。'],
    ['紫菜蛋花汤', '汤', [], ['蛋类'], ''],
    ['米饭', '主食', [], [], ''],
    ['鲜肉包', '面点', [], ['含麸质谷物', '大豆'], '大个鲜肉包子。'],
    ['小米粥', '粥', ['养胃'], [], ''],
    ['时令水果', '水果', ['健康餐'], [], ''],
    ['清蒸鲈鱼', '荤菜', ['清淡'], ['鱼类'], ''],
    ['拍黄瓜', '凉菜', ['清爽'], [], ''],
  ],
  'canteen-2': [
    ['葱油拌面', '面点', [], ['含麸质谷物', '大豆'], ''],
    ['酸菜鱼', '荤菜', ['辣'], ['鱼类'], ''],
    ['蒜蓉西兰花', '素菜', ['健康餐'], [], ''],
    ['玉米排骨汤', '汤', [], [], ''],
    ['杂粮饭', '主食', ['健康餐'], [], ''],
    ['豆浆', '饮品', [], ['大豆'], ''],
  ],
};

const MENUS: Record<string, Record<MealKind, string[]>> = {
  'canteen-1': {
    breakfast: ['鲜肉包', '小米粥'],
    lunch: ['红烧肉', '番茄炒蛋', '清炒时蔬', '紫菜蛋花汤', '米饭'],
    dinner: ['宫保鸡丁', '麻婆豆腐', '米饭', '时令水果'],
  },
  'canteen-2': {
    breakfast: ['豆浆', '葱油拌面'],
    lunch: ['酸菜鱼', '蒜蓉西兰花', '玉米排骨汤', '杂粮饭'],
    dinner: ['葱油拌面', '蒜蓉西兰花', '杂粮饭'],
  },
};

/** The id of a demo dish by canteen and name, e.g. dishId('canteen-1', '红烧肉'). */
export function dishId(canteenId: string, name: string): string {
  const dish = [...canteenMock().dishes.values()].find((d) => d.canteenId === canteenId && d.name === name);
  if (!dish) throw new Error(`mock: no dish ${name} in ${canteenId}`);
  return dish.id;
}

function seed(): CanteenWorld {
  const canteens: MockCanteen[] = [
    {
      id: 'canteen-1',
      name: '第一食堂',
      location: 'A座负一楼',
      meals: [
        { meal: 'breakfast', servingStart: '07:00', servingEnd: '08:30' },
        { meal: 'lunch', servingStart: '11:30', servingEnd: '13:00' },
        { meal: 'dinner', servingStart: '17:30', servingEnd: '19:00' },
      ],
      cutoff: { daysBefore: 1, time: '16:00' },
      staff: ['demo-canteen'],
    },
    {
      id: 'canteen-2',
      name: '第二食堂',
      location: 'C座二楼',
      meals: [
        { meal: 'breakfast', servingStart: '07:30', servingEnd: '09:00' },
        { meal: 'lunch', servingStart: '11:00', servingEnd: '13:00' },
        { meal: 'dinner', servingStart: '17:00', servingEnd: '18:30' },
      ],
      cutoff: { daysBefore: 1, time: '15:00' },
      staff: [],
    },
  ];
  const dishes = new Map<string, Dish>();
  const uploads = new Set<string>();
  for (const [canteenId, seeds] of Object.entries(LIBRARY)) {
    seeds.forEach(([name, category, tags, allergens, description], index) => {
      const id = `${canteenId}-dish-${String(index + 1).padStart(2, '0')}`;
      const file = `${String(index + 1).padStart(2, '0')}${canteenId.slice(-1)}${'0'.repeat(29)}.png`;
      uploads.add(file);
      dishes.set(id, {
        id,
        canteenId,
        name,
        category,
        tags,
        allergens,
        description,
        photoUrl: `/api/uploads/${file}`,
        retired: false,
      });
    });
  }
  const retiredId = 'canteen-1-dish-99';
  dishes.set(retiredId, {
    id: retiredId,
    canteenId: 'canteen-1',
    name: '水煮鱼',
    category: '荤菜',
    tags: ['辣'],
    allergens: ['鱼类'],
    description: '',
    photoUrl: null,
    retired: true,
  });

  const now = clock();
  const day0 = shanghaiDate(now);
  const menus = new Map<string, MockMenu>();
  for (const canteen of canteens) {
    const idOf = (name: string) =>
      [...dishes.values()].find((d) => d.canteenId === canteen.id && d.name === name)?.id ?? '';
    for (const date of datesFrom(addDays(day0, -7), addDays(day0, 13))) {
      const published = daysBetween(day0, date) <= 6;
      for (const meal of MEAL_KINDS) {
        menus.set(menuKey(canteen.id, date, meal), {
          dishIds: MENUS[canteen.id][meal].map(idOf),
          published,
          publishedAt: published ? toInstant(now - 24 * HOUR) : null,
        });
      }
    }
  }

  const votes = new Map<string, VoteValue>();
  const cast = (name: string, up: number, down: number) => {
    const id = [...dishes.values()].find((d) => d.canteenId === 'canteen-1' && d.name === name)!.id;
    for (let i = 0; i < up + down; i++) votes.set(`canteen-1|${day0}|${id}|voter-${i + 1}`, i < up ? 'up' : 'down');
  };
  cast('红烧肉', 5, 1);
  cast('番茄炒蛋', 2, 0);

  return { canteens, dishes, menus, votes, signups: new Map(), uploads, seq: 0 };
}

/** The canteen world (made on first use with the mock's clock); tests may read and change it. */
export function canteenMock(): CanteenWorld {
  if (!world) world = seed();
  return world;
}

/** Forgets everything: the next use seeds a fresh world. */
export function resetCanteenMock(): void {
  world = null;
}

onMockReset(resetCanteenMock);

/** Test helper: sets a meal's menu (dish names of that canteen), published or as a draft; [] removes it. */
export function setMockMenu(
  canteenId: string,
  date: string,
  meal: MealKind,
  names: string[],
  published: boolean,
): void {
  const menus = canteenMock().menus;
  if (names.length === 0) {
    menus.delete(menuKey(canteenId, date, meal));
    return;
  }
  menus.set(menuKey(canteenId, date, meal), {
    dishIds: names.map((name) => dishId(canteenId, name)),
    published,
    publishedAt: published ? toInstant(clock()) : null,
  });
}

/** Test helper: other people's votes on a dish of a day (as if they had just voted). */
export function addMockVotes(canteenId: string, date: string, dishName: string, up: number, down = 0): void {
  const w = canteenMock();
  const id = dishId(canteenId, dishName);
  for (let i = 0; i < up + down; i++) {
    w.seq += 1;
    w.votes.set(`${canteenId}|${date}|${id}|other-${w.seq}`, i < up ? 'up' : 'down');
  }
}

/** Test helper: another person's 报餐. */
export function addMockSignup(personId: string, date: string, meal: HeadcountMeal, canteenId: string): void {
  canteenMock().signups.set(`${personId}|${date}|${meal}`, canteenId);
}

// ---- rules ------------------------------------------------------------------------------------

function canteenOf(canteenId: string): MockCanteen | Failure {
  return canteenMock().canteens.find((c) => c.id === canteenId) ?? fail(404, 'CANTEEN_NOT_FOUND');
}

function manages(person: MockPerson, canteen: MockCanteen): boolean {
  if (person.roles.includes('admin')) return true;
  return person.roles.includes('canteen') && canteen.staff.includes(person.id);
}

/** The canteen when the person manages it: 404 for an unknown one, 403 otherwise. */
function managed(person: MockPerson, canteenId: string): MockCanteen | Failure {
  const canteen = canteenOf(canteenId);
  if (isFailure(canteen)) return canteen;
  if (manages(person, canteen)) return canteen;
  return person.roles.includes('canteen') ? fail(403, 'NOT_CANTEEN_STAFF') : fail(403, 'FORBIDDEN');
}

function toCanteen(c: MockCanteen, person: MockPerson): Canteen {
  return {
    id: c.id,
    name: c.name,
    location: c.location,
    meals: c.meals.map((m) => ({ ...m })),
    headcountCutoff: { ...c.cutoff },
    canManage: manages(person, c),
  };
}

function requireDate(value: unknown): string | Failure {
  return isValidDate(value) ? value : fail(400, 'INVALID_DATE');
}

function requireRange(from: string, to: string, maxDays: number): Failure | undefined {
  if (!isValidDate(from) || !isValidDate(to)) return fail(400, 'INVALID_DATE');
  const span = daysBetween(from, to) + 1;
  if (span < 1 || span > maxDays) return fail(400, 'DATE_RANGE_INVALID');
  return undefined;
}

function requireEditable(first: string, last: string): Failure | undefined {
  if (first < today()) return fail(409, 'MENU_DATE_PASSED');
  if (daysBetween(today(), last) > MENU_HORIZON_DAYS) return fail(400, 'DATE_OUT_OF_RANGE');
  return undefined;
}

/** A JSON object body whose keys are all in `allowed`, else the BFF's 400. */
async function readBody(request: Request, allowed: readonly string[]): Promise<Record<string, unknown> | Failure> {
  let body: unknown;
  try {
    body = await request.json();
  } catch {
    return fail(400, 'MALFORMED_JSON');
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return fail(400, 'VALIDATION_FAILED');
  if (Object.keys(body).some((key) => !allowed.includes(key))) return fail(400, 'VALIDATION_FAILED');
  return body as Record<string, unknown>;
}

const isString = (v: unknown, min: number, max: number): v is string =>
  typeof v === 'string' && v.length >= min && v.length <= max;
const isTime = (v: unknown): v is string => typeof v === 'string' && new RegExp(TIME_PATTERN).test(v);
const isMeal = (v: unknown): v is MealKind => (MEAL_KINDS as readonly unknown[]).includes(v);

function dayMenus(person: MockPerson, canteen: MockCanteen, from: string, to: string): DayMenu[] {
  const w = canteenMock();
  const canManage = manages(person, canteen);
  const now = today();
  return datesFrom(from, to).map((date) => ({
    canteenId: canteen.id,
    date,
    calendar: calendarDay(date),
    voting: votingState(date, now),
    canManage,
    meals: canteen.meals.map((window) => {
      const menu = w.menus.get(menuKey(canteen.id, date, window.meal));
      const published = menu?.published ?? false;
      const visible = menu && (published || canManage) ? menu.dishIds : [];
      return {
        meal: window.meal,
        servingStart: window.servingStart,
        servingEnd: window.servingEnd,
        published,
        publishedAt: published ? (menu?.publishedAt ?? null) : null,
        dishes: visible.map((id): MenuDish => ({ ...w.dishes.get(id)!, ...counts(canteen.id, date, id, person.id) })),
      };
    }),
  }));
}

function counts(canteenId: string, date: string, dishId: string, personId: string): Omit<VoteResult, 'dishId'> {
  let up = 0;
  let down = 0;
  const prefix = `${canteenId}|${date}|${dishId}|`;
  for (const [key, value] of canteenMock().votes) {
    if (!key.startsWith(prefix)) continue;
    if (value === 'up') up += 1;
    else down += 1;
  }
  return { up, down, myVote: canteenMock().votes.get(`${prefix}${personId}`) ?? null };
}

function statusOf(canteenId: string, from: string, to: string): MenuStatusList {
  const items: MenuStatusList['items'] = [];
  for (const date of datesFrom(from, to)) {
    for (const meal of MEAL_KINDS) {
      const menu = canteenMock().menus.get(menuKey(canteenId, date, meal));
      if (!menu) continue;
      items.push({
        date,
        meal,
        published: menu.published,
        publishedAt: menu.published ? menu.publishedAt : null,
        dishCount: menu.dishIds.length,
      });
    }
  }
  return { items };
}

function vote(person: MockPerson, params: Record<string, string>, value: VoteValue | null): VoteResult | Failure {
  const canteen = canteenOf(params.canteenId);
  if (isFailure(canteen)) return canteen;
  const date = requireDate(params.date);
  if (isFailure(date)) return date;
  const state = votingState(date, today());
  if (state === 'notYet') return fail(409, 'VOTE_NOT_OPEN');
  if (state === 'closed') return fail(409, 'VOTE_CLOSED');
  const w = canteenMock();
  const listings = MEAL_KINDS.map((meal) => w.menus.get(menuKey(canteen.id, date, meal))).filter(
    (menu): menu is MockMenu => menu !== undefined && menu.dishIds.includes(params.dishId),
  );
  if (!listings.some((menu) => menu.published)) {
    if (listings.length > 0) return fail(409, 'MENU_NOT_PUBLISHED');
    if (!w.dishes.has(params.dishId)) return fail(404, 'DISH_NOT_FOUND');
    return fail(409, 'DISH_NOT_ON_MENU');
  }
  const key = `${canteen.id}|${date}|${params.dishId}|${person.id}`;
  if (value) w.votes.set(key, value);
  else w.votes.delete(key);
  return { dishId: params.dishId, ...counts(canteen.id, date, params.dishId, person.id) };
}

function checkWindows(value: unknown): ServingWindow[] | Failure {
  if (!Array.isArray(value) || value.length < 1 || value.length > 3) return fail(400, 'VALIDATION_FAILED');
  for (const m of value) {
    const keys = Object.keys(m ?? {});
    if (!isMeal(m?.meal) || !isTime(m?.servingStart) || !isTime(m?.servingEnd) || keys.length !== 3) {
      return fail(400, 'VALIDATION_FAILED');
    }
  }
  const sorted = [...(value as ServingWindow[])].sort(
    (a, b) => MEAL_KINDS.indexOf(a.meal) - MEAL_KINDS.indexOf(b.meal),
  );
  const invalid = sorted.some(
    (m, i) =>
      m.servingStart >= m.servingEnd ||
      (i > 0 && (sorted[i - 1].meal === m.meal || sorted[i - 1].servingEnd > m.servingStart)),
  );
  return invalid ? fail(400, 'SERVING_WINDOWS_INVALID') : sorted.map((m) => ({ ...m }));
}

/** Checks the dish fields present in `body`; answers the failure or null. */
function checkDishFields(body: Record<string, unknown>): Failure | null {
  const { name, category, tags, allergens, description, photoUrl } = body;
  if (name !== undefined && (!isString(name, 1, 30) || !name.trim())) return fail(400, 'VALIDATION_FAILED');
  if (category !== undefined && !(DISH_CATEGORIES as readonly unknown[]).includes(category)) {
    return fail(400, 'VALIDATION_FAILED');
  }
  if (
    tags !== undefined &&
    (!Array.isArray(tags) ||
      tags.length > 6 ||
      new Set(tags).size !== tags.length ||
      tags.some((t) => !isString(t, 1, 8)))
  ) {
    return fail(400, 'VALIDATION_FAILED');
  }
  if (
    allergens !== undefined &&
    (!Array.isArray(allergens) ||
      new Set(allergens).size !== allergens.length ||
      allergens.some((a) => !(ALLERGENS as readonly unknown[]).includes(a)))
  ) {
    return fail(400, 'VALIDATION_FAILED');
  }
  if (description !== undefined && !isString(description, 0, 200)) return fail(400, 'VALIDATION_FAILED');
  if (photoUrl !== undefined && photoUrl !== null) {
    if (typeof photoUrl !== 'string' || !new RegExp(UPLOAD_URL_PATTERN).test(photoUrl)) {
      return fail(400, 'VALIDATION_FAILED');
    }
    if (!canteenMock().uploads.has(photoUrl.slice('/api/uploads/'.length))) return fail(400, 'UPLOAD_NOT_FOUND');
  }
  return null;
}

function nameTaken(canteenId: string, name: string, exceptId?: string): boolean {
  return [...canteenMock().dishes.values()].some(
    (d) => d.canteenId === canteenId && d.name === name && d.id !== exceptId,
  );
}

function headcountOpen(date: string, canteen: MockCanteen, now: number): boolean {
  return now < headcountDeadline(date, canteen.cutoff).getTime();
}

const serves = (canteen: MockCanteen, meal: MealKind) => canteen.meals.some((m) => m.meal === meal);

function myHeadcount(person: MockPerson, days: number): MyHeadcount {
  const now = clock();
  const all = canteenMock().canteens;
  const dates = nextWorkdays(shanghaiDate(now), days + 8)
    .filter((date) => all.some((c) => headcountOpen(date, c, now)))
    .slice(0, days);
  return {
    calendarLastDate: `${CALENDAR_LAST_YEAR}-12-31`,
    days: dates.map((date) => ({
      date,
      calendar: calendarDay(date),
      meals: HEADCOUNT_MEALS.map((meal) => ({
        meal,
        canteenId: canteenMock().signups.get(`${person.id}|${date}|${meal}`) ?? null,
        options: all
          .filter((c) => serves(c, meal))
          .map((c) => ({
            canteenId: c.id,
            closesAt: toInstant(headcountDeadline(date, c.cutoff).getTime()),
            open: headcountOpen(date, c, now),
          })),
      })),
    })),
  };
}

/** Stand-in for the BFF's content sniffing: JPEG, PNG or WebP by their first bytes. */
function imageType(bytes: Uint8Array): 'jpg' | 'png' | 'webp' | null {
  const at = (i: number) => bytes[i];
  if (at(0) === 0xff && at(1) === 0xd8 && at(2) === 0xff) return 'jpg';
  if (at(0) === 0x89 && at(1) === 0x50 && at(2) === 0x4e && at(3) === 0x47) return 'png';
  const text = (from: number, to: number) => String.fromCharCode(...bytes.slice(from, to));
  if (text(0, 4) === 'RIFF' && text(8, 12) === 'WEBP') return 'webp';
  return null;
}

// ---- handlers ---------------------------------------------------------------------------------

type Params = Record<string, string>;

/** Every canteen, headcount and upload route under `base`. */
export function canteenHandlers(base: string, deps: CanteenMockDeps): HttpHandler[] {
  clock = deps.now;

  /** Signed in with one of `roles`, else the BFF's 401/403. */
  const who = (request: Request, roles: readonly Role[]): MockPerson | Failure => {
    const person = deps.authenticate(request);
    if (isFailure(person)) return person;
    return person.roles.some((r) => roles.includes(r)) ? person : fail(403, 'FORBIDDEN');
  };

  return [
    http.get<never, never, CanteenList | ErrorBody>(`${base}/canteens`, ({ request }) => {
      const person = who(request, DINERS);
      if (isFailure(person)) return person;
      return HttpResponse.json<CanteenList>({ items: canteenMock().canteens.map((c) => toCanteen(c, person)) });
    }),

    http.patch<Params, never, Canteen | ErrorBody>(`${base}/canteens/:canteenId`, async ({ request, params }) => {
      const person = who(request, ['admin']);
      if (isFailure(person)) return person;
      const canteen = canteenOf(params.canteenId);
      if (isFailure(canteen)) return canteen;
      const body = await readBody(request, ['name', 'location', 'meals', 'headcountCutoff']);
      if (isFailure(body)) return body;
      if (Object.keys(body).length === 0) return fail(400, 'VALIDATION_FAILED');
      if (body.name !== undefined && !isString(body.name, 1, 30)) return fail(400, 'VALIDATION_FAILED');
      if (body.location !== undefined && !isString(body.location, 0, 60)) return fail(400, 'VALIDATION_FAILED');
      const cutoff = body.headcountCutoff as HeadcountCutoff | undefined;
      if (
        cutoff !== undefined &&
        (typeof cutoff !== 'object' ||
          !Number.isInteger(cutoff?.daysBefore) ||
          cutoff.daysBefore < 0 ||
          cutoff.daysBefore > 7 ||
          !isTime(cutoff.time) ||
          Object.keys(cutoff).length !== 2)
      ) {
        return fail(400, 'VALIDATION_FAILED');
      }
      const meals = body.meals === undefined ? undefined : checkWindows(body.meals);
      if (isFailure(meals)) return meals;
      if (typeof body.name === 'string') canteen.name = body.name;
      if (typeof body.location === 'string') canteen.location = body.location;
      if (meals) canteen.meals = meals;
      if (cutoff) canteen.cutoff = { daysBefore: cutoff.daysBefore, time: cutoff.time };
      return HttpResponse.json<Canteen>({ ...toCanteen(canteen, person), canManage: true });
    }),

    // ---- dish library ----

    http.get<Params, never, DishList | ErrorBody>(`${base}/canteens/:canteenId/dishes`, ({ request, params }) => {
      const person = who(request, MANAGERS);
      if (isFailure(person)) return person;
      const canteen = managed(person, params.canteenId);
      if (isFailure(canteen)) return canteen;
      const retired = new URL(request.url).searchParams.get('retired') ?? 'exclude';
      if (!['exclude', 'include', 'only'].includes(retired)) return fail(400, 'VALIDATION_FAILED');
      const items = [...canteenMock().dishes.values()]
        .filter((d) => d.canteenId === canteen.id)
        .filter((d) => (retired === 'include' ? true : retired === 'only' ? d.retired : !d.retired))
        .sort((a, b) => a.name.localeCompare(b.name, 'zh-Hans-CN'));
      return HttpResponse.json<DishList>({ items });
    }),

    http.post<Params, never, Dish | ErrorBody>(`${base}/canteens/:canteenId/dishes`, async ({ request, params }) => {
      const person = who(request, MANAGERS);
      if (isFailure(person)) return person;
      const body = await readBody(request, ['name', 'category', 'tags', 'allergens', 'description', 'photoUrl']);
      if (isFailure(body)) return body;
      if (body.name === undefined || body.category === undefined) return fail(400, 'VALIDATION_FAILED');
      const invalid = checkDishFields(body);
      if (invalid) return invalid;
      const canteen = managed(person, params.canteenId);
      if (isFailure(canteen)) return canteen;
      const name = String(body.name).trim();
      if (nameTaken(canteen.id, name)) return fail(409, 'DISH_NAME_TAKEN');
      const w = canteenMock();
      w.seq += 1;
      const dish: Dish = {
        id: `${canteen.id}-dish-new-${w.seq}`,
        canteenId: canteen.id,
        name,
        category: body.category as DishCategory,
        tags: (body.tags as string[] | undefined) ?? [],
        allergens: (body.allergens as Allergen[] | undefined) ?? [],
        description: (body.description as string | undefined) ?? '',
        photoUrl: (body.photoUrl as string | null | undefined) ?? null,
        retired: false,
      };
      w.dishes.set(dish.id, dish);
      return HttpResponse.json<Dish>(dish, { status: 201 });
    }),

    http.patch<Params, never, Dish | ErrorBody>(
      `${base}/canteens/:canteenId/dishes/:dishId`,
      async ({ request, params }) => {
        const person = who(request, MANAGERS);
        if (isFailure(person)) return person;
        const body = await readBody(request, ['name', 'category', 'tags', 'allergens', 'description', 'photoUrl']);
        if (isFailure(body)) return body;
        if (Object.keys(body).length === 0) return fail(400, 'VALIDATION_FAILED');
        const invalid = checkDishFields(body);
        if (invalid) return invalid;
        const canteen = managed(person, params.canteenId);
        if (isFailure(canteen)) return canteen;
        const dish = canteenMock().dishes.get(params.dishId);
        if (!dish || dish.canteenId !== canteen.id) return fail(404, 'DISH_NOT_FOUND');
        if (typeof body.name === 'string' && nameTaken(canteen.id, body.name.trim(), dish.id)) {
          return fail(409, 'DISH_NAME_TAKEN');
        }
        const next: Dish = {
          ...dish,
          ...(body as Partial<Dish>),
          ...(typeof body.name === 'string' ? { name: body.name.trim() } : {}),
        };
        canteenMock().dishes.set(dish.id, next);
        return HttpResponse.json<Dish>(next);
      },
    ),

    ...(['retire', 'restore'] as const).map((action) =>
      http.post<Params, never, Dish | ErrorBody>(
        `${base}/canteens/:canteenId/dishes/:dishId/${action}`,
        ({ request, params }) => {
          const person = who(request, MANAGERS);
          if (isFailure(person)) return person;
          const canteen = managed(person, params.canteenId);
          if (isFailure(canteen)) return canteen;
          const dish = canteenMock().dishes.get(params.dishId);
          if (!dish || dish.canteenId !== canteen.id) return fail(404, 'DISH_NOT_FOUND');
          const next = { ...dish, retired: action === 'retire' };
          canteenMock().dishes.set(dish.id, next);
          return HttpResponse.json<Dish>(next);
        },
      ),
    ),

    // ---- menus ----

    http.get<Params, never, DayMenu | ErrorBody>(`${base}/canteens/:canteenId/menu`, ({ request, params }) => {
      const person = who(request, DINERS);
      if (isFailure(person)) return person;
      const canteen = canteenOf(params.canteenId);
      if (isFailure(canteen)) return canteen;
      const date = requireDate(new URL(request.url).searchParams.get('date') ?? today());
      if (isFailure(date)) return date;
      return HttpResponse.json<DayMenu>(dayMenus(person, canteen, date, date)[0]);
    }),

    http.get<Params, never, WeekMenu | ErrorBody>(`${base}/canteens/:canteenId/menu/week`, ({ request, params }) => {
      const person = who(request, DINERS);
      if (isFailure(person)) return person;
      const canteen = canteenOf(params.canteenId);
      if (isFailure(canteen)) return canteen;
      const start = requireDate(new URL(request.url).searchParams.get('start') ?? mondayOf(today()));
      if (isFailure(start)) return start;
      const end = addDays(start, 6);
      return HttpResponse.json<WeekMenu>({
        canteenId: canteen.id,
        start,
        end,
        days: dayMenus(person, canteen, start, end),
      });
    }),

    http.put<Params, never, DayMenu | ErrorBody>(
      `${base}/canteens/:canteenId/menu/:date/meals/:meal`,
      async ({ request, params }) => {
        const person = who(request, MANAGERS);
        if (isFailure(person)) return person;
        const body = await readBody(request, ['dishIds']);
        if (isFailure(body)) return body;
        const ids = body.dishIds;
        if (
          !Array.isArray(ids) ||
          ids.length > 60 ||
          new Set(ids).size !== ids.length ||
          ids.some((id) => !isString(id, 1, 64)) ||
          !isMeal(params.meal)
        ) {
          return fail(400, 'VALIDATION_FAILED');
        }
        const canteen = managed(person, params.canteenId);
        if (isFailure(canteen)) return canteen;
        const date = requireDate(params.date);
        if (isFailure(date)) return date;
        const notEditable = requireEditable(date, date);
        if (notEditable) return notEditable;
        if (!serves(canteen, params.meal)) return fail(400, 'MEAL_NOT_SERVED');
        const w = canteenMock();
        for (const id of ids as string[]) {
          const dish = w.dishes.get(id);
          if (!dish || dish.canteenId !== canteen.id) return fail(404, 'DISH_NOT_FOUND');
          if (dish.retired) return fail(409, 'DISH_RETIRED');
        }
        const key = menuKey(canteen.id, date, params.meal);
        const before = w.menus.get(key);
        if (ids.length === 0) w.menus.delete(key);
        else
          w.menus.set(key, {
            dishIds: [...(ids as string[])],
            published: before?.published ?? false,
            publishedAt: before?.publishedAt ?? null,
          });
        return HttpResponse.json<DayMenu>(dayMenus(person, canteen, date, date)[0]);
      },
    ),

    http.post<Params, never, MenuCopyResult | ErrorBody>(
      `${base}/canteens/:canteenId/menu/copy`,
      async ({ request, params }) => {
        const person = who(request, MANAGERS);
        if (isFailure(person)) return person;
        const body = await readBody(request, ['from', 'to', 'days']);
        if (isFailure(body)) return body;
        const days = body.days ?? 1;
        if (!Number.isInteger(days) || (days as number) < 1 || (days as number) > 7) {
          return fail(400, 'VALIDATION_FAILED');
        }
        const canteen = managed(person, params.canteenId);
        if (isFailure(canteen)) return canteen;
        const from = requireDate(body.from);
        if (isFailure(from)) return from;
        const to = requireDate(body.to);
        if (isFailure(to)) return to;
        const n = days as number;
        const offset = daysBetween(from, to);
        if (Math.abs(offset) < n) return fail(400, 'DATE_RANGE_INVALID');
        const last = addDays(to, n - 1);
        const notEditable = requireEditable(to, last);
        if (notEditable) return notEditable;
        const w = canteenMock();
        let skippedRetired = 0;
        const plan = new Map<string, string[]>();
        for (const date of datesFrom(from, addDays(from, n - 1))) {
          for (const window of canteen.meals) {
            const source = w.menus.get(menuKey(canteen.id, date, window.meal));
            if (!source || source.dishIds.length === 0) continue;
            const kept = source.dishIds.filter((id) => !w.dishes.get(id)?.retired);
            skippedRetired += source.dishIds.length - kept.length;
            plan.set(menuKey(canteen.id, addDays(date, offset), window.meal), kept);
          }
        }
        if ([...plan.keys()].some((key) => w.menus.get(key)?.published)) return fail(409, 'MENU_PUBLISHED');
        for (const [key, dishIds] of plan) {
          if (dishIds.length > 0) w.menus.set(key, { dishIds, published: false, publishedAt: null });
        }
        return HttpResponse.json<MenuCopyResult>({ ...statusOf(canteen.id, to, last), skippedRetired });
      },
    ),

    ...(['publish', 'unpublish'] as const).map((action) =>
      http.post<Params, never, MenuStatusList | ErrorBody>(
        `${base}/canteens/:canteenId/menu/${action}`,
        async ({ request, params }) => {
          const person = who(request, MANAGERS);
          if (isFailure(person)) return person;
          const body = await readBody(request, ['from', 'to', 'meals']);
          if (isFailure(body)) return body;
          const meals = body.meals as MealKind[] | undefined;
          if (
            meals !== undefined &&
            (!Array.isArray(meals) ||
              meals.length < 1 ||
              meals.length > 3 ||
              new Set(meals).size !== meals.length ||
              !meals.every(isMeal))
          ) {
            return fail(400, 'VALIDATION_FAILED');
          }
          const canteen = managed(person, params.canteenId);
          if (isFailure(canteen)) return canteen;
          if (typeof body.from !== 'string' || typeof body.to !== 'string') return fail(400, 'VALIDATION_FAILED');
          const badRange = requireRange(body.from, body.to, PUBLISH_MAX_DAYS);
          if (badRange) return badRange;
          const notEditable = requireEditable(body.from, body.to);
          if (notEditable) return notEditable;
          const chosen = meals ?? canteen.meals.map((m) => m.meal);
          const w = canteenMock();
          const at = toInstant(clock());
          for (const date of datesFrom(body.from, body.to)) {
            for (const meal of chosen) {
              const menu = w.menus.get(menuKey(canteen.id, date, meal));
              if (!menu) continue;
              if (action === 'publish' && menu.dishIds.length > 0 && !menu.published) {
                menu.published = true;
                menu.publishedAt = at;
              }
              if (action === 'unpublish') {
                menu.published = false;
                menu.publishedAt = null;
              }
            }
          }
          const status = statusOf(canteen.id, body.from, body.to);
          if (action === 'publish' && !status.items.some((s) => chosen.includes(s.meal) && s.published)) {
            return fail(409, 'MENU_EMPTY');
          }
          return HttpResponse.json<MenuStatusList>(status);
        },
      ),
    ),

    // ---- votes and ranking ----

    http.put<Params, never, VoteResult | ErrorBody>(
      `${base}/canteens/:canteenId/menu/:date/dishes/:dishId/vote`,
      async ({ request, params }) => {
        const person = who(request, DINERS);
        if (isFailure(person)) return person;
        const body = await readBody(request, ['value']);
        if (isFailure(body)) return body;
        if (body.value !== 'up' && body.value !== 'down') return fail(400, 'VALIDATION_FAILED');
        const result = vote(person, params, body.value);
        return isFailure(result) ? result : HttpResponse.json<VoteResult>(result);
      },
    ),

    http.delete<Params, never, VoteResult | ErrorBody>(
      `${base}/canteens/:canteenId/menu/:date/dishes/:dishId/vote`,
      async ({ request, params }) => {
        const person = who(request, DINERS);
        if (isFailure(person)) return person;
        // Like Fastify: a body labelled JSON must be JSON, even on DELETE (wx.request labels them all).
        if ((request.headers.get('content-type') ?? '').includes('json') && !(await request.text()).trim()) {
          return fail(400, 'MALFORMED_JSON');
        }
        const result = vote(person, params, null);
        return isFailure(result) ? result : HttpResponse.json<VoteResult>(result);
      },
    ),

    http.get<Params, never, Ranking | ErrorBody>(`${base}/canteens/:canteenId/ranking`, ({ request, params }) => {
      const person = who(request, MANAGERS);
      if (isFailure(person)) return person;
      const canteen = managed(person, params.canteenId);
      if (isFailure(canteen)) return canteen;
      const query = new URL(request.url).searchParams;
      const to = query.get('to') ?? today();
      const from = query.get('from') ?? (isValidDate(to) ? addDays(to, -29) : to);
      const badRange = requireRange(from, to, RANKING_MAX_DAYS);
      if (badRange) return badRange;
      const minVotes = Number(query.get('minVotes') ?? 3);
      const limit = Number(query.get('limit') ?? 10);
      if (!Number.isInteger(minVotes) || minVotes < 1 || !Number.isInteger(limit) || limit < 1 || limit > 50) {
        return fail(400, 'VALIDATION_FAILED');
      }
      const tallies = new Map<string, { up: number; down: number }>();
      for (const [key, value] of canteenMock().votes) {
        const [canteenId, date, dish] = key.split('|');
        if (canteenId !== canteen.id || date < from || date > to) continue;
        const t = tallies.get(dish) ?? { up: 0, down: 0 };
        if (value === 'up') t.up += 1;
        else t.down += 1;
        tallies.set(dish, t);
      }
      const ranked: RankedDish[] = [...tallies]
        .filter(([, t]) => t.up + t.down >= minVotes)
        .map(([id, t]) => {
          const dish = canteenMock().dishes.get(id)!;
          return {
            dishId: id,
            name: dish.name,
            category: dish.category,
            photoUrl: dish.photoUrl,
            up: t.up,
            down: t.down,
            votes: t.up + t.down,
            net: t.up - t.down,
          };
        })
        .sort((a, b) => b.net - a.net || b.votes - a.votes || a.name.localeCompare(b.name, 'zh-Hans-CN'));
      const topCount = Math.min(limit, Math.ceil(ranked.length / 2));
      const bottomCount = Math.min(limit, ranked.length - topCount);
      return HttpResponse.json<Ranking>({
        canteenId: canteen.id,
        from,
        to,
        minVotes,
        top: ranked.slice(0, topCount),
        bottom: ranked.slice(ranked.length - bottomCount).reverse(),
        hidden: tallies.size - ranked.length,
      });
    }),

    // ---- 报餐 ----

    http.get<never, never, MyHeadcount | ErrorBody>(`${base}/headcount/mine`, ({ request }) => {
      const person = who(request, EATERS);
      if (isFailure(person)) return person;
      const days = Number(new URL(request.url).searchParams.get('days') ?? 5);
      if (!Number.isInteger(days) || days < 1 || days > 20) return fail(400, 'VALIDATION_FAILED');
      return HttpResponse.json<MyHeadcount>(myHeadcount(person, days));
    }),

    http.put<never, never, MyHeadcount | ErrorBody>(`${base}/headcount/mine`, async ({ request }) => {
      const person = who(request, EATERS);
      if (isFailure(person)) return person;
      const body = await readBody(request, ['entries']);
      if (isFailure(body)) return body;
      const entries = body.entries as { date: string; meal: HeadcountMeal; canteenId: string | null }[];
      if (
        !Array.isArray(entries) ||
        entries.length < 1 ||
        entries.length > 40 ||
        entries.some(
          (e) =>
            typeof e !== 'object' ||
            e === null ||
            Object.keys(e).some((k) => !['date', 'meal', 'canteenId'].includes(k)) ||
            typeof e.date !== 'string' ||
            !(HEADCOUNT_MEALS as readonly unknown[]).includes(e.meal) ||
            !(e.canteenId === null || isString(e.canteenId, 1, 64)),
        )
      ) {
        return fail(400, 'VALIDATION_FAILED');
      }
      const seen = new Set(entries.map((e) => `${e.date}|${e.meal}`));
      if (seen.size !== entries.length) return fail(400, 'BAD_REQUEST');
      const now = clock();
      const day0 = shanghaiDate(now);
      const w = canteenMock();
      const byId = new Map(w.canteens.map((c) => [c.id, c]));
      for (const entry of entries) {
        if (!isValidDate(entry.date)) return fail(400, 'INVALID_DATE');
        if (!calendarKnows(entry.date)) return fail(409, 'CALENDAR_UNAVAILABLE');
        if (!isWorkday(entry.date)) return fail(400, 'NOT_A_WORKDAY');
        if (entry.canteenId !== null) {
          const canteen = byId.get(entry.canteenId);
          if (!canteen) return fail(404, 'CANTEEN_NOT_FOUND');
          if (!serves(canteen, entry.meal)) return fail(400, 'MEAL_NOT_SERVED');
          if (!headcountOpen(entry.date, canteen, now)) return fail(409, 'HEADCOUNT_CLOSED');
        }
        if (daysBetween(day0, entry.date) > HEADCOUNT_HORIZON_DAYS) return fail(400, 'DATE_OUT_OF_RANGE');
      }
      for (const entry of entries) {
        const before = w.signups.get(`${person.id}|${entry.date}|${entry.meal}`);
        const previous = before ? byId.get(before) : undefined;
        if (before !== (entry.canteenId ?? undefined) && previous && !headcountOpen(entry.date, previous, now)) {
          return fail(409, 'HEADCOUNT_CLOSED');
        }
      }
      for (const entry of entries) {
        const key = `${person.id}|${entry.date}|${entry.meal}`;
        if (entry.canteenId === null) w.signups.delete(key);
        else w.signups.set(key, entry.canteenId);
      }
      const last = entries.map((e) => e.date).sort()[entries.length - 1];
      const shown = nextWorkdays(day0, 20).filter((d) => d <= last).length;
      return HttpResponse.json<MyHeadcount>(myHeadcount(person, Math.min(20, Math.max(5, shown))));
    }),

    http.get<Params, never, Forecast | ErrorBody>(`${base}/canteens/:canteenId/forecast`, ({ request, params }) => {
      const person = who(request, MANAGERS);
      if (isFailure(person)) return person;
      const canteen = managed(person, params.canteenId);
      if (isFailure(canteen)) return canteen;
      const query = new URL(request.url).searchParams;
      const from = query.get('from') ?? today();
      if (!isValidDate(from)) return fail(400, 'INVALID_DATE');
      const to = query.get('to') ?? addDays(from, 6);
      const badRange = requireRange(from, to, FORECAST_MAX_DAYS);
      if (badRange) return badRange;
      const meals = HEADCOUNT_MEALS.filter((meal) => serves(canteen, meal));
      const signups = [...canteenMock().signups];
      const days = datesFrom(from, to).map((date) => {
        const perMeal = meals.map((meal) => ({
          meal,
          count: signups.filter(([key, id]) => id === canteen.id && key.endsWith(`|${date}|${meal}`)).length,
        }));
        return { date, calendar: calendarDay(date), meals: perMeal, total: perMeal.reduce((s, m) => s + m.count, 0) };
      });
      return HttpResponse.json<Forecast>({
        canteenId: canteen.id,
        from,
        to,
        days,
        total: days.reduce((s, d) => s + d.total, 0),
      });
    }),

    // ---- uploads ----

    http.post<never, never, Upload | ErrorBody>(`${base}/uploads/images`, async ({ request }) => {
      const person = who(request, ['canteen', 'admin']);
      if (isFailure(person)) return person;
      if (!(request.headers.get('content-type') ?? '').startsWith('multipart/form-data')) {
        return fail(415, 'UNSUPPORTED_MEDIA_TYPE');
      }
      const form = await request.formData();
      const files = [...form.values()].filter((v): v is File => typeof v !== 'string');
      if (files.length > 1) return fail(400, 'BAD_REQUEST');
      const bytes = files[0] ? new Uint8Array(await files[0].arrayBuffer()) : new Uint8Array();
      if (bytes.length === 0) return fail(400, 'UPLOAD_EMPTY');
      if (bytes.length > UPLOAD_MAX_BYTES) return fail(413, 'UPLOAD_TOO_LARGE');
      const type = imageType(bytes);
      if (!type) return fail(415, 'UPLOAD_TYPE_NOT_ALLOWED');
      const w = canteenMock();
      w.seq += 1;
      const id = `${w.seq.toString(16).padStart(32, 'a')}.${type}`;
      w.uploads.add(id);
      const contentType = type === 'jpg' ? 'image/jpeg' : type === 'png' ? 'image/png' : 'image/webp';
      return HttpResponse.json<Upload>(
        { id, url: `/api/uploads/${id}`, contentType, bytes: bytes.length },
        { status: 201 },
      );
    }),
  ];
}
