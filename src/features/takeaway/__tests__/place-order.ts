import type { Order } from '@contract/takeaway.schema';
import { mockItem } from '../../../../mock/takeaway';

/**
 * Places an order straight through the mock API, as the shop would (items by name, of the first
 * item's canteen; `slotId` when its items have pickup slots). Fails the test unless it is made.
 */
export async function placeOrderWith(
  token: string,
  items: { name: string; quantity: number }[],
  slotId?: string,
): Promise<Order> {
  const res = await fetch('http://localhost/api/orders', {
    method: 'POST',
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': 'application/json',
      'idempotency-key': `test-${Math.random()}`,
    },
    body: JSON.stringify({
      canteenId: mockItem(items[0].name).canteenId,
      items: items.map(({ name, quantity }) => ({ itemId: mockItem(name).id, quantity })),
      ...(slotId ? { pickupSlotId: slotId } : {}),
    }),
  });
  expect(res.status).toBe(201);
  return (await res.json()) as Order;
}
