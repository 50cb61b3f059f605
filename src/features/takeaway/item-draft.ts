import { TAKEAWAY_LIMITS } from '@contract/takeaway';
import type { NewTakeawayItem } from '@contract/takeaway.schema';
import { parseYuan } from '@/shared/money';
import { inShanghai } from '@/shared/time';

/** The 新增外卖菜品 form as typed: money in yuan text, times `HH:mm` on the item's day. */
export interface ItemDraft {
  name: string;
  /** The dish library entry it was picked from, if any. */
  dishId: string | null;
  price: string;
  stock: string;
  /** Empty = 不限购. */
  limit: string;
  saleStart: string;
  saleEnd: string;
  /** Sale opens the day before (order today, collect tomorrow). */
  saleFromDayBefore: boolean;
  pickupStart: string;
  pickupEnd: string;
  slots: { start: string; end: string; capacity: string }[];
  publish: boolean;
}

export const initialDraft: ItemDraft = {
  name: '',
  dishId: null,
  price: '',
  stock: '',
  limit: '',
  saleStart: '08:00',
  saleEnd: '11:00',
  saleFromDayBefore: false,
  pickupStart: '11:00',
  pickupEnd: '13:00',
  slots: [],
  publish: true,
};

const at = (date: string, hhmm: string) => `${date}T${hhmm}:00+08:00`;
const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
const hhmm = (total: number) =>
  `${String(Math.floor(total / 60)).padStart(2, '0')}:${String(total % 60).padStart(2, '0')}`;

/** The next slot after the last one (30 minutes, inside the pickup window), for 添加时段. */
export function nextSlot(draft: ItemDraft): ItemDraft['slots'][number] | null {
  const start = draft.slots.length > 0 ? minutes(draft.slots[draft.slots.length - 1].end) : minutes(draft.pickupStart);
  const end = Math.min(start + 30, minutes(draft.pickupEnd));
  if (end <= start) return null;
  return { start: hhmm(start), end: hhmm(end), capacity: draft.slots[draft.slots.length - 1]?.capacity ?? '' };
}

const yuanText = (fen: number) => `¥${(fen / 100).toFixed(2)}`;

/**
 * The price as typed → fen, or what is wrong with it (Chinese): not an amount, more than two
 * decimals, ¥0 (refused: takeaway is paid from the meal card, and a slip would give it away), or
 * above the highest price — each with its own words.
 */
export function priceProblem(text: string): number | string {
  const fen = parseYuan(text);
  const amount = /^\s*¥?\s*(\d+)(?:\.(\d*))?\s*$/.exec(text);
  if (!amount) return '请填写价格（元，最多两位小数）';
  if ((amount[2] ?? '').length > 2) return '价格最多两位小数（精确到分）';
  if (fen === null || fen > TAKEAWAY_LIMITS.maxPriceFen)
    return `价格不能超过 ${yuanText(TAKEAWAY_LIMITS.maxPriceFen)}，请核对`;
  if (fen < TAKEAWAY_LIMITS.minPriceFen) return '价格须大于 ¥0.00：外卖从餐卡付款，不能免费上架';
  return fen;
}

const wholeNumber = (text: string) => (/^\d+$/.test(text.trim()) ? Number(text.trim()) : null);

/** The request for the BFF, or what to fix first (Chinese). */
export function toNewItem(draft: ItemDraft, date: string, now: number = Date.now()): NewTakeawayItem | string {
  const name = draft.name.trim();
  if (!name) return '请填写菜品名称';
  if (name.length > 40) return '菜品名称不能超过 40 个字';
  const price = priceProblem(draft.price);
  if (typeof price === 'string') return price;
  const priceFen = price;
  const stock = wholeNumber(draft.stock);
  if (stock === null || stock > TAKEAWAY_LIMITS.maxStock) return '请填写库存份数（整数）';
  const limit = draft.limit.trim() === '' ? undefined : wholeNumber(draft.limit);
  if (limit === null || (limit !== undefined && (limit < 1 || limit > TAKEAWAY_LIMITS.maxPerPersonLimit)))
    return '每人限购须为 1 到 999 的整数，不限购请留空';
  const saleDay = draft.saleFromDayBefore
    ? inShanghai(at(date, '12:00')).subtract(1, 'day').format('YYYY-MM-DD')
    : date;
  if (!draft.saleFromDayBefore && minutes(draft.saleStart) >= minutes(draft.saleEnd))
    return '售卖开始时间须早于结束时间';
  // A sale already over could never sell (the BFF refuses it too: SALE_WINDOW_PAST).
  if (Date.parse(at(date, draft.saleEnd)) <= now) return '售卖结束时间已过，请把售卖时间设在现在之后';
  if (minutes(draft.pickupStart) >= minutes(draft.pickupEnd)) return '取餐开始时间须早于结束时间';
  const slots = [];
  for (const slot of draft.slots) {
    const capacity = wholeNumber(slot.capacity);
    if (capacity === null || capacity < 1) return '请填写每个取餐时段可接单数';
    if (minutes(slot.start) >= minutes(slot.end)) return '取餐时段的开始须早于结束';
    if (minutes(slot.start) < minutes(draft.pickupStart) || minutes(slot.end) > minutes(draft.pickupEnd))
      return '取餐时段须在取餐时间之内';
    slots.push({ startsAt: at(date, slot.start), endsAt: at(date, slot.end), capacity });
  }
  return {
    date,
    name,
    priceFen,
    stock,
    saleStartsAt: at(saleDay, draft.saleStart),
    saleEndsAt: at(date, draft.saleEnd),
    pickupStartsAt: at(date, draft.pickupStart),
    pickupEndsAt: at(date, draft.pickupEnd),
    ...(limit !== undefined ? { perPersonLimit: limit } : {}),
    ...(draft.dishId ? { dishId: draft.dishId } : {}),
    ...(slots.length > 0 ? { pickupSlots: slots } : {}),
    publish: draft.publish,
  };
}
