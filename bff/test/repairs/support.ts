import type { RepairTicket, RepairTicketDetail } from '@contract/repairs.schema';
import type { LightMyRequestResponse } from 'fastify';
import type { Caller } from '../support/caller';
import type { TestApp } from '../support/test-app';

// Shared by the repairs tests: reporting, stepping, and people made for a test.

let keys = 0;
export const newKey = () => `test-key-${Date.now()}-${keys++}`;

export const reportRaw = (who: Caller, body: Record<string, unknown>, key = newKey()) =>
  who.call('POST', '/api/repairs', body, { 'idempotency-key': key });

/** Reports a leak in A座 1层 A101 (or what `body` says) and answers the ticket. */
export async function report(who: Caller, body: Record<string, unknown> = {}, key?: string): Promise<RepairTicket> {
  const res = await reportRaw(
    who,
    { category: 'rc-plumbing', locationId: 'rr-a-101', description: '洗手池下水管漏水', ...body },
    key,
  );
  if (res.statusCode !== 201) throw new Error(`report failed: ${res.statusCode} ${res.body}`);
  return res.json().ticket;
}

export const step = (who: Caller, id: string, action: string, body?: Record<string, unknown>) =>
  who.call('POST', `/api/repairs/${id}/${action}`, body);

export async function stepOk(
  who: Caller,
  id: string,
  action: string,
  body?: Record<string, unknown>,
): Promise<RepairTicketDetail> {
  const res: LightMyRequestResponse = await step(who, id, action, body);
  if (res.statusCode !== 200) throw new Error(`${action} failed: ${res.statusCode} ${res.body}`);
  return res.json();
}

/** A person with roles, made for one test (the demo has only a few repairers). */
export async function makePerson(t: TestApp, id: string, name: string, roles: string[]): Promise<void> {
  await t.db.db
    .insertInto('people')
    .values({
      id,
      campus_id: 'campus-smzx',
      name,
      unit: '测试物业',
      is_demo: 1,
      disabled: 0,
      created_at: new Date().toISOString(),
    })
    .execute();
  await t.db.db
    .insertInto('person_roles')
    .values(roles.map((role) => ({ person_id: id, role })))
    .execute();
}

export const ALL_WEEK = [{ weekdays: [1, 2, 3, 4, 5, 6, 7], starts: '00:00', ends: '24:00' }];

export const ticketRow = (t: TestApp, id: string) =>
  t.db.db.selectFrom('repair_tickets').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

export const messagesOf = (t: TestApp, personId: string) =>
  t.db.db.selectFrom('messages').select(['title', 'body']).where('person_id', '=', personId).execute();
