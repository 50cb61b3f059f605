import { http, HttpResponse, type HttpHandler } from 'msw';
import {
  MEAL_KINDS,
  votingState,
  type Allergen,
  type DishCategory,
  type HeadcountCutoff,
  type MealKind,
  type ServingWindow,
  type VoteValue,
} from '@contract/canteen';
import type {
  Canteen,
  CanteenList,
  CanteenUpdate,
  DayMenu,
  Dish,
  DishCreate,
  DishList,
  DishUpdate,
  MenuCopy,
  MenuCopyResult,
  MenuRange,
  MenuStatusList,
  RankedDish,
  Ranking,
  VoteResult,
  WeekMenu,
} from '@contract/canteen.schema';
import { addDays, calendarDay, datesFrom, daysBetween, mondayOf } from '@contract/workdays';
import type { MockPerson } from './data';
import { mockState, onMockReset, toInstant } from './state';
import {
  errorResponse,
  isFailure,
  mockToday,
  signedIn,
  signedInWith,
  type Answer,
  type Failure,
  type Params,
} from './support';

/**
 * 今日菜品 · 菜单 · 赞/踩 · 菜品库 from memory. Demo world: 第一食堂 (canteen-1, run by demo-canteen
 * 王芳) and 第二食堂 (canteen-2), each with a dish library and menus from 7 days ago to 13 days
 * ahead — published up to 6 days ahead, drafts after that — and a few votes on today's lunch.
 * Writes do what they say; the BFF's refusals (vote window, cut-offs, names taken…) are not here.
 */

export interface MockCanteen {
  id: string;
  name: string;
  location: string;
  meals: ServingWindow[];
  cutoff: HeadcountCutoff;
  /** People (with the 食堂 role) who run it. */
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
  seq: number;
}

const HOUR = 3_600_000;
const menuKey = (canteenId: string, date: string, meal: MealKind) => `${canteenId}|${date}|${meal}`;

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

const serving = (meal: MealKind, servingStart: string, servingEnd: string): ServingWindow => ({
  meal,
  servingStart,
  servingEnd,
});

function seed(): CanteenWorld {
  const canteens: MockCanteen[] = [
    {
      id: 'canteen-1',
      name: '第一食堂',
      location: 'A座负一楼',
      meals: [
        serving('breakfast', '07:00', '08:30'),
        serving('lunch', '11:30', '13:00'),
        serving('dinner', '17:30', '19:00'),
      ],
      cutoff: { daysBefore: 1, time: '16:00' },
      staff: ['demo-canteen'],
    },
    {
      id: 'canteen-2',
      name: '第二食堂',
      location: 'C座二楼',
      meals: [
        serving('breakfast', '07:30', '09:00'),
        serving('lunch', '11:00', '13:00'),
        serving('dinner', '17:00', '18:30'),
      ],
      cutoff: { daysBefore: 1, time: '15:00' },
      staff: [],
    },
  ];
  const dishes = new Map<string, Dish>();
  for (const [canteenId, seeds] of Object.entries(LIBRARY)) {
    seeds.forEach(([name, category, tags, allergens, description], index) => {
      const n = String(index + 1).padStart(2, '0');
      const photoUrl = `/api/uploads/${n}${canteenId.slice(-1)}${'0'.repeat(29)}.png`;
      const id = `${canteenId}-dish-${n}`;
      dishes.set(id, { id, canteenId, name, category, tags, allergens, description, photoUrl, retired: false });
    });
  }
  const retired: Dish = {
    id: 'canteen-1-dish-99',
    canteenId: 'canteen-1',
    name: '水煮鱼',
    category: '荤菜',
    tags: ['辣'],
    allergens: ['鱼类'],
    description: '',
    photoUrl: null,
    retired: true,
  };
  dishes.set(retired.id, retired);

  const now = mockState.now();
  const day0 = mockToday();
  const menus = new Map<string, MockMenu>();
  const idOf = (canteenId: string, name: string) =>
    [...dishes.values()].find((d) => d.canteenId === canteenId && d.name === name)!.id;
  for (const canteen of canteens) {
    for (const date of datesFrom(addDays(day0, -7), addDays(day0, 13))) {
      const published = daysBetween(day0, date) <= 6;
      for (const meal of MEAL_KINDS) {
        menus.set(menuKey(canteen.id, date, meal), {
          dishIds: MENUS[canteen.id][meal].map((name) => idOf(canteen.id, name)),
          published,
          publishedAt: published ? toInstant(now - 24 * HOUR) : null,
        });
      }
    }
  }

  const votes = new Map<string, VoteValue>();
  const cast = (name: string, up: number, down: number) => {
    for (let i = 0; i < up + down; i++)
      votes.set(`canteen-1|${day0}|${idOf('canteen-1', name)}|voter-${i + 1}`, i < up ? 'up' : 'down');
  };
  cast('红烧肉', 5, 1);
  cast('番茄炒蛋', 2, 0);
  return { canteens, dishes, menus, votes, seq: 0 };
}

let world: CanteenWorld | null = null;

/** The canteen world (made on first use, with the mock's clock); tests may read and change it. */
export function canteenMock(): CanteenWorld {
  world ??= seed();
  return world;
}

onMockReset(() => {
  world = null;
});

/** The id of a demo dish by canteen and name, e.g. dishId('canteen-1', '红烧肉'). */
export function dishId(canteenId: string, name: string): string {
  const dish = [...canteenMock().dishes.values()].find((d) => d.canteenId === canteenId && d.name === name);
  if (!dish) throw new Error(`mock: no dish ${name} in ${canteenId}`);
  return dish.id;
}

/** Test helper: sets a meal's menu (dish names of that canteen), published or as a draft; [] removes it. */
export function setMockMenu(
  canteenId: string,
  date: string,
  meal: MealKind,
  names: string[],
  published: boolean,
): void {
  const key = menuKey(canteenId, date, meal);
  if (names.length === 0) canteenMock().menus.delete(key);
  else
    canteenMock().menus.set(key, {
      dishIds: names.map((name) => dishId(canteenId, name)),
      published,
      publishedAt: published ? toInstant(mockState.now()) : null,
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

/** Whether the person runs the canteen (its staff, or an admin): what `canManage` says. */
export function runsCanteen(person: MockPerson, canteen: MockCanteen): boolean {
  return person.roles.includes('admin') || (person.roles.includes('canteen') && canteen.staff.includes(person.id));
}

/** The canteen, or the BFF's 404 for an unknown one. */
export function findCanteen(canteenId: string): MockCanteen | Failure {
  return canteenMock().canteens.find((c) => c.id === canteenId) ?? errorResponse(404, 'CANTEEN_NOT_FOUND');
}

const toCanteen = (c: MockCanteen, person: MockPerson): Canteen => ({
  id: c.id,
  name: c.name,
  location: c.location,
  meals: c.meals.map((m) => ({ ...m })),
  headcountCutoff: { ...c.cutoff },
  canManage: runsCanteen(person, c),
});

function counts(canteenId: string, date: string, dish: string, personId: string): Omit<VoteResult, 'dishId'> {
  const prefix = `${canteenId}|${date}|${dish}|`;
  const values = [...canteenMock().votes].filter(([key]) => key.startsWith(prefix)).map(([, value]) => value);
  const up = values.filter((value) => value === 'up').length;
  return { up, down: values.length - up, myVote: canteenMock().votes.get(`${prefix}${personId}`) ?? null };
}

/** Day menus as the BFF sends them: drafts only to those who run the canteen. */
function dayMenus(person: MockPerson, canteen: MockCanteen, from: string, to: string): DayMenu[] {
  const w = canteenMock();
  const canManage = runsCanteen(person, canteen);
  return datesFrom(from, to).map((date) => ({
    canteenId: canteen.id,
    date,
    calendar: calendarDay(date),
    voting: votingState(date, mockToday()),
    canManage,
    meals: canteen.meals.map(({ meal, servingStart, servingEnd }) => {
      const menu = w.menus.get(menuKey(canteen.id, date, meal));
      const published = menu?.published ?? false;
      const shown = menu && (published || canManage) ? menu.dishIds : [];
      return {
        meal,
        servingStart,
        servingEnd,
        published,
        publishedAt: published ? (menu?.publishedAt ?? null) : null,
        dishes: shown.map((id) => ({ ...w.dishes.get(id)!, ...counts(canteen.id, date, id, person.id) })),
      };
    }),
  }));
}

function statusOf(canteenId: string, from: string, to: string): MenuStatusList {
  const items: MenuStatusList['items'] = [];
  for (const date of datesFrom(from, to)) {
    for (const meal of MEAL_KINDS) {
      const menu = canteenMock().menus.get(menuKey(canteenId, date, meal));
      if (menu)
        items.push({
          date,
          meal,
          published: menu.published,
          publishedAt: menu.publishedAt,
          dishCount: menu.dishIds.length,
        });
    }
  }
  return { items };
}

function ranking(canteen: MockCanteen, query: URLSearchParams): Ranking {
  const to = query.get('to') ?? mockToday();
  const from = query.get('from') ?? addDays(to, -29);
  const minVotes = Number(query.get('minVotes') ?? 3);
  const limit = Number(query.get('limit') ?? 10);
  const tallies = new Map<string, { up: number; down: number }>();
  for (const [key, value] of canteenMock().votes) {
    const [canteenId, date, dish] = key.split('|');
    if (canteenId !== canteen.id || date < from || date > to) continue;
    const tally = tallies.get(dish) ?? { up: 0, down: 0 };
    tally[value] += 1;
    tallies.set(dish, tally);
  }
  const ranked = [...tallies]
    .filter(([, t]) => t.up + t.down >= minVotes)
    .map(([id, t]): RankedDish => {
      const { name, category, photoUrl } = canteenMock().dishes.get(id)!;
      return { dishId: id, name, category, photoUrl, ...t, votes: t.up + t.down, net: t.up - t.down };
    })
    .sort((a, b) => b.net - a.net || b.votes - a.votes);
  const top = ranked.slice(0, Math.min(limit, Math.ceil(ranked.length / 2)));
  const bottom = ranked.slice(top.length).reverse().slice(0, limit);
  return { canteenId: canteen.id, from, to, minVotes, top, bottom, hidden: tallies.size - ranked.length };
}

/** A route on one canteen for a signed-in person: 401, or 404 for an unknown canteen. */
const onCanteen = (answer: (person: MockPerson, canteen: MockCanteen, params: Params, request: Request) => Answer) =>
  signedIn((person, params, request) => {
    const canteen = findCanteen(params.canteenId);
    return isFailure(canteen) ? canteen : answer(person, canteen, params, request);
  });

const dishOf = (params: Params) => canteenMock().dishes.get(params.dishId);

function vote(person: MockPerson, params: Params, value: VoteValue | null) {
  const key = `${params.canteenId}|${params.date}|${params.dishId}|${person.id}`;
  if (value) canteenMock().votes.set(key, value);
  else canteenMock().votes.delete(key);
  const tally = counts(params.canteenId, params.date, params.dishId, person.id);
  return HttpResponse.json<VoteResult>({ dishId: params.dishId, ...tally });
}

function setPublished(params: Params, range: MenuRange, published: boolean) {
  const at = toInstant(mockState.now());
  for (const date of datesFrom(range.from, range.to)) {
    for (const meal of range.meals ?? MEAL_KINDS) {
      const menu = canteenMock().menus.get(menuKey(params.canteenId, date, meal));
      if (menu) Object.assign(menu, { published, publishedAt: published ? at : null });
    }
  }
  return HttpResponse.json<MenuStatusList>(statusOf(params.canteenId, range.from, range.to));
}

function copyMenus(params: Params, { from, to, days = 1 }: MenuCopy) {
  const w = canteenMock();
  let skippedRetired = 0;
  for (let i = 0; i < days; i++) {
    for (const meal of MEAL_KINDS) {
      const source = w.menus.get(menuKey(params.canteenId, addDays(from, i), meal));
      if (!source) continue;
      const kept = source.dishIds.filter((id) => !w.dishes.get(id)?.retired);
      skippedRetired += source.dishIds.length - kept.length;
      w.menus.set(menuKey(params.canteenId, addDays(to, i), meal), {
        dishIds: kept,
        published: false,
        publishedAt: null,
      });
    }
  }
  const status = statusOf(params.canteenId, to, addDays(to, days - 1));
  return HttpResponse.json<MenuCopyResult>({ ...status, skippedRetired });
}

function newDish(canteenId: string, body: DishCreate) {
  const w = canteenMock();
  w.seq += 1;
  const id = `${canteenId}-dish-new-${w.seq}`;
  const dish: Dish = {
    tags: [],
    allergens: [],
    description: '',
    photoUrl: null,
    ...body,
    id,
    canteenId,
    retired: false,
  };
  w.dishes.set(id, dish);
  return HttpResponse.json<Dish>(dish, { status: 201 });
}

const CANTEEN = '/canteens/:canteenId';

export function canteenHandlers(base: string): HttpHandler[] {
  const canteen = `${base}${CANTEEN}`;
  const dish = `${canteen}/dishes/:dishId`;
  const voteRoute = `${canteen}/menu/:date/dishes/:dishId/vote`;
  const dishFlag = (retired: boolean) =>
    signedIn((_person, params) => {
      const found = dishOf(params);
      if (!found) return errorResponse(404, 'DISH_NOT_FOUND');
      found.retired = retired;
      return HttpResponse.json<Dish>({ ...found });
    });

  return [
    http.get<Params>(
      `${base}/canteens`,
      signedIn((person) =>
        HttpResponse.json<CanteenList>({ items: canteenMock().canteens.map((c) => toCanteen(c, person)) }),
      ),
    ),
    http.patch<Params>(
      canteen,
      signedInWith<CanteenUpdate>((person, { headcountCutoff, ...rest }, params) => {
        const found = findCanteen(params.canteenId);
        if (isFailure(found)) return found;
        Object.assign(found, rest, headcountCutoff && { cutoff: headcountCutoff });
        return HttpResponse.json<Canteen>(toCanteen(found, person));
      }),
    ),
    http.get<Params>(
      `${canteen}/dishes`,
      onCanteen((_person, { id }, _params, request) => {
        const retired = new URL(request.url).searchParams.get('retired') ?? 'exclude';
        const items = [...canteenMock().dishes.values()]
          .filter((d) => d.canteenId === id && (retired === 'include' || d.retired === (retired === 'only')))
          .sort((a, b) => a.name.localeCompare(b.name, 'zh-Hans-CN'));
        return HttpResponse.json<DishList>({ items });
      }),
    ),
    http.post<Params>(
      `${canteen}/dishes`,
      signedInWith<DishCreate>((_person, body, params) => newDish(params.canteenId, body)),
    ),
    http.patch<Params>(
      dish,
      signedInWith<DishUpdate>((_person, body, params) => {
        const found = dishOf(params);
        return found
          ? HttpResponse.json<Dish>({ ...Object.assign(found, body) })
          : errorResponse(404, 'DISH_NOT_FOUND');
      }),
    ),
    http.post<Params>(`${dish}/retire`, dishFlag(true)),
    http.post<Params>(`${dish}/restore`, dishFlag(false)),
    http.get<Params>(
      `${canteen}/menu`,
      onCanteen((person, found, _params, request) => {
        const date = new URL(request.url).searchParams.get('date') ?? mockToday();
        return HttpResponse.json<DayMenu>(dayMenus(person, found, date, date)[0]);
      }),
    ),
    http.get<Params>(
      `${canteen}/menu/week`,
      onCanteen((person, found, _params, request) => {
        const start = new URL(request.url).searchParams.get('start') ?? mondayOf(mockToday());
        const end = addDays(start, 6);
        return HttpResponse.json<WeekMenu>({
          canteenId: found.id,
          start,
          end,
          days: dayMenus(person, found, start, end),
        });
      }),
    ),
    http.put<Params>(
      `${canteen}/menu/:date/meals/:meal`,
      signedInWith<{ dishIds: string[] }>((person, { dishIds }, params) => {
        const found = findCanteen(params.canteenId);
        if (isFailure(found)) return found;
        const key = menuKey(found.id, params.date, params.meal as MealKind);
        const before = canteenMock().menus.get(key) ?? { published: false, publishedAt: null };
        if (dishIds.length === 0) canteenMock().menus.delete(key);
        else canteenMock().menus.set(key, { ...before, dishIds: [...dishIds] });
        return HttpResponse.json<DayMenu>(dayMenus(person, found, params.date, params.date)[0]);
      }),
    ),
    http.post<Params>(
      `${canteen}/menu/copy`,
      signedInWith<MenuCopy>((_person, body, params) => copyMenus(params, body)),
    ),
    http.post<Params>(
      `${canteen}/menu/publish`,
      signedInWith<MenuRange>((_p, body, params) => setPublished(params, body, true)),
    ),
    http.post<Params>(
      `${canteen}/menu/unpublish`,
      signedInWith<MenuRange>((_p, body, params) => setPublished(params, body, false)),
    ),
    http.put<Params>(
      voteRoute,
      signedInWith<{ value: VoteValue }>((person, body, params) => vote(person, params, body.value)),
    ),
    http.delete<Params>(
      voteRoute,
      signedIn((person, params) => vote(person, params, null)),
    ),
    http.get<Params>(
      `${canteen}/ranking`,
      onCanteen((_person, found, _params, request) =>
        HttpResponse.json<Ranking>(ranking(found, new URL(request.url).searchParams)),
      ),
    ),
  ];
}
