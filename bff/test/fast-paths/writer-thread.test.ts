import { sql } from 'kysely';
import type { TakeawayItem } from '@contract/takeaway.schema';
import { DomainError } from '../../src/errors';
import { KeyTaken } from '../../src/fast-paths/orders/order-transaction';
import { startOrderWriterThread } from '../../src/fast-paths/orders/writer-thread';
import { createTestApp, type TestApp } from '../support/test-app';
import { createItem, expectConsistent, itemInput, makePeople, orderWriteFor, placed } from '../takeaway/support';

// The order writer thread exists on SQLite only, so this file runs on SQLite in both runs.
let t: TestApp;
let item: TakeawayItem;

beforeAll(async () => {
  t = await createTestApp({ sqlite: true });
  const canteen = (await t.signIn('demo-canteen-01')).token;
  item = await createItem(t, canteen, itemInput({ priceFen: 100, stock: 1000 }));
});
afterEach(async () => {
  await expectConsistent(t.db.db);
});
afterAll(async () => {
  await t.close();
});

/** Rows this connection (the server's own) has written since it opened: SQLite's total_changes(). */
const changesOnServerConnection = async () =>
  (await sql<{ n: number }>`select total_changes() as n`.execute(t.db.db)).rows[0].n;

const remaining = async () =>
  (await t.db.db.selectFrom('takeaway_items').select('remaining').where('id', '=', item.id).executeTakeFirstOrThrow())
    .remaining;

const writeFor = (personId: string, key?: string) => orderWriteFor(t, item, personId, key);

describe('the order writer thread (SQLite)', () => {
  it('writes orders on its own connection: the server connection writes none of their rows', async () => {
    const [buyer] = await makePeople(t, 1, { balanceFen: 10_000 });
    const before = await changesOnServerConnection();
    const orders = await Promise.all(
      Array.from({ length: 5 }, () =>
        placed(t, buyer.token, { canteenId: 'canteen-1', items: [{ itemId: item.id, quantity: 1 }] }),
      ),
    );
    expect(new Set(orders.map((o) => o.status))).toEqual(new Set(['placed']));
    // Inline, each order would have written six rows or more here (order, card, ledger, line, message, stock).
    expect((await changesOnServerConnection()) - before).toBe(0);
    const stored = await t.db.db.selectFrom('takeaway_orders').select('id').where('person_id', '=', buyer.id).execute();
    expect(stored.map((o) => o.id).sort()).toEqual(orders.map((o) => o.id).sort());
  });

  it('answers a refusal as the same DomainError and a taken key as KeyTaken, and changes nothing', async () => {
    const writer = startOrderWriterThread({ file: t.db.file!, backgroundCheckpoints: false });
    try {
      const [broke] = await makePeople(t, 1);
      const [buyer] = await makePeople(t, 1, { balanceFen: 1_000 });
      const first = writeFor(buyer.id);
      await writer.write(first);
      const stockBefore = await remaining();

      const refused = await writer.write(writeFor(broke.id)).catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(DomainError);
      expect((refused as DomainError).code).toBe('INSUFFICIENT_BALANCE');
      expect((refused as DomainError).status).toBe(409);

      const again = await writer
        .write(writeFor(buyer.id, first.order.idempotency_key))
        .catch((error: unknown) => error);
      expect(again).toBeInstanceOf(KeyTaken);

      expect(await remaining()).toBe(stockBefore);
      const rows = await t.db.db
        .selectFrom('takeaway_orders')
        .select('id')
        .where('person_id', 'in', [broke.id, buyer.id])
        .execute();
      expect(rows.map((r) => r.id)).toEqual([first.order.id]);
    } finally {
      await writer.close();
    }
  });

  it('close() answers every write it was given before it stops, then refuses more', async () => {
    const writer = startOrderWriterThread({ file: t.db.file!, backgroundCheckpoints: false });
    const [buyer] = await makePeople(t, 1, { balanceFen: 10_000 });
    const writes = Array.from({ length: 30 }, () => writeFor(buyer.id));
    const answers = writes.map((w) => writer.write(w));
    await writer.close();
    const settled = await Promise.allSettled(answers);
    expect(settled.filter((s) => s.status === 'fulfilled')).toHaveLength(30);
    const rows = await t.db.db.selectFrom('takeaway_orders').select('id').where('person_id', '=', buyer.id).execute();
    expect(rows.map((r) => r.id).sort()).toEqual(writes.map((w) => w.order.id).sort());
    await expect(writer.write(writeFor(buyer.id))).rejects.toThrow('order writer closed');
  });

  it('a writer that stops unexpectedly reports it, refuses orders meanwhile, and a new one comes up', async () => {
    const signal = signals();
    const firstUp = signal.next('up');
    const writer = startOrderWriterThread({
      file: t.db.file!,
      backgroundCheckpoints: false,
      onUp: signal.fire('up'),
      onDown: signal.fire('down'),
    });
    try {
      const [buyer] = await makePeople(t, 1, { balanceFen: 10_000 });
      await firstUp;
      await writer.write(writeFor(buyer.id));

      const down = signal.next('down');
      const upAgain = signal.next('up');
      await writer.thread()!.terminate();
      await down;
      await expect(writer.write(writeFor(buyer.id))).rejects.toThrow('order writer is restarting');

      await upAgain;
      const after = writeFor(buyer.id);
      expect((await writer.write(after)).id).toBe(after.order.id);
      expect(signal.seen).toEqual(['up', 'down', 'up']);
    } finally {
      await writer.close();
    }
  });
});

/** Named events a test can wait for (no clock involved), and the order they came in. */
function signals() {
  const waiting = new Map<string, () => void>();
  const seen: string[] = [];
  return {
    seen,
    fire: (name: string) => () => {
      seen.push(name);
      waiting.get(name)?.();
      waiting.delete(name);
    },
    next: (name: string) => new Promise<void>((resolve) => waiting.set(name, resolve)),
  };
}
