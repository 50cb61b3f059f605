import type { OrderWrite } from '../../src/fast-paths/orders/order-transaction';
import { decodeWrite, encodeWrite } from '../../src/fast-paths/orders/thread-messages';

// What the server decided must reach the order writer thread exactly: every field, every line.
const write = (lines: number): OrderWrite => ({
  order: {
    id: '01a23e44-ae76-724b-9bef-f14482c7465c',
    person_id: 'demo-staff-01',
    canteen_id: 'canteen-1',
    date: '2026-12-04',
    status: 'placed',
    total_fen: 2600,
    refunded_fen: 0,
    pickup_slot_id: lines > 1 ? 'slot-1' : null,
    pickup_starts_at: '2026-12-04T03:30:00.000Z',
    pickup_ends_at: '2026-12-04T04:00:00.000Z',
    cancel_until: '2026-12-04T02:30:00.000Z',
    idempotency_key: 'key "with" \\ quotes',
    request_hash: 'f'.repeat(64),
    created_at: '2026-12-04T01:02:03.456Z',
    collected_at: null,
    collected_by: null,
    cancelled_at: null,
    expired_at: null,
  },
  lines: Array.from({ length: lines }, (_, i) => ({
    order_id: '01a23e44-ae76-724b-9bef-f14482c7465c',
    item_id: `item-${i}`,
    name: i === 0 ? '红烧肉套餐' : '杂粮馒头（4个）',
    quantity: i + 1,
    price_fen: 1800 - i * 1400,
  })),
  limits: Array.from({ length: lines }, (_, i) => (i === 0 ? null : 2)),
  messageLead: '红烧肉套餐×1、杂粮馒头（4个）×2，已从餐卡支付 ¥26.00。',
});

describe('an order write on its way to the writer thread', () => {
  it('arrives as it was sent, with one line or several', () => {
    for (const lines of [1, 2, 5]) {
      const sent = write(lines);
      expect(decodeWrite(encodeWrite(42, sent))).toEqual([42, sent]);
    }
  });

  it('carries values only, not the field names', () => {
    const text = encodeWrite(7, write(1));
    expect(text).not.toContain('person_id');
    expect(text.startsWith('[7,')).toBe(true);
  });
});
