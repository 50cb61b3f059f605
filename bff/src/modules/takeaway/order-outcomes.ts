import { conflict, type DomainError } from '../../errors';
import type { OrderRow } from './takeaway.table';

// What cancel, pickup and close of day answer when an order is no longer theirs to change.

/** Thrown inside a transaction whose conditional update found the order no longer placed. */
export class OrderMoved extends Error {}

/** Why an order in this state cannot be collected or cancelled. */
export function refuseFinished(status: OrderRow['status']): DomainError {
  if (status === 'collected') return conflict('ORDER_ALREADY_COLLECTED');
  if (status === 'cancelled') return conflict('ORDER_CANCELLED');
  return conflict('ORDER_EXPIRED');
}
