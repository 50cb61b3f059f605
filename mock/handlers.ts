import { http, type HttpHandler } from 'msw';
import { authHandlers } from './auth';
import { canteenHandlers } from './canteen';
import { headcountHandlers } from './headcount';
import { mailboxHandlers } from './mailbox';
import { parkingHandlers } from './parking';
import { mealCardHandlers } from './meal-card';
import { messagesHandlers } from './messages';
import { peopleHandlers } from './people';
import { repairsHandlers } from './repairs';
import { peopleAdminHandlers } from './people-admin';
import { takeawayHandlers } from './takeaway';
import { uploadsHandlers } from './uploads';
import { visitorsHandlers } from './visitors';
import { errorResponse } from './support';
import { resetMockState } from './state';

/** One line per module: each module's mock (`mock/<module>.ts`) serves its routes under `base`. */
const MODULES: ((base: string) => HttpHandler[])[] = [
  authHandlers,
  messagesHandlers,
  canteenHandlers,
  headcountHandlers,
  uploadsHandlers,
  takeawayHandlers,
  mealCardHandlers,
  peopleHandlers,
  mailboxHandlers,
  repairsHandlers,
  parkingHandlers,
  visitorsHandlers,
  peopleAdminHandlers,
];

/**
 * Handlers for every route under `base`: any origin's `/api` by default, or one API root such as
 * `http://mock.contract.test/api`. Fresh handlers, shared in-memory state (`resetMockState()`).
 */
export function handlers(base = '*/api'): HttpHandler[] {
  return MODULES.flatMap((module) => module(base));
}

/**
 * What the BFF answers for an unknown path under `base`. Not part of `handlers()`, so that tests
 * with `onUnhandledRequest: 'error'` still fail loudly on a wrong path; add it last where wanted.
 */
export function apiNotFound(base = '*/api'): HttpHandler {
  return http.all(`${base}/*`, () => errorResponse(404, 'NOT_FOUND'));
}

export { errorResponse, resetMockState };
