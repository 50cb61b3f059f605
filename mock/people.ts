import { http, HttpResponse, type HttpHandler } from 'msw';
import type { ErrorBody } from '../contract/common.schema';
import { ERROR_MESSAGES, type ErrorCode } from '../contract/errors';
import {
  PEOPLE_DIRECTORY_LIMITS,
  type DirectoryPerson,
  type PeoplePage,
  type UnitList,
} from '../contract/people.schema';
import { ROLES } from '../contract/roles';
import { mockState } from './state';
import { authenticate, takeawayState } from './takeaway';

/**
 * The people directory (admins), behaving like the BFF (bff/src/modules/auth/people-directory.*):
 * enabled people only, `q` in name or unit (contains, any case) or the exact id, `unit` exact,
 * ordered by unit, name, id; 400 VALIDATION_FAILED for out-of-range paging or over-long text.
 */

type Failure = HttpResponse<ErrorBody>;
const isFailure = (value: unknown): value is Failure => value instanceof Response;
const fail = (status: number, code: ErrorCode): Failure =>
  HttpResponse.json<ErrorBody>({ error: { code, message: ERROR_MESSAGES[code] } }, { status });

/** An optional integer query parameter within [min, max]; `fallback` when absent. */
function intParam(params: URLSearchParams, name: string, min: number, max: number, fallback: number): number | null {
  const raw = params.get(name);
  if (raw === null) return fallback;
  if (!/^\d+$/.test(raw)) return null;
  const value = Number(raw);
  return value >= min && value <= max ? value : null;
}

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function toDirectoryPerson(person: { id: string; name: string; unit: string; roles: DirectoryPerson['roles'] }) {
  return {
    id: person.id,
    name: person.name,
    unit: person.unit,
    roles: [...person.roles].sort((a, b) => ROLES.indexOf(a) - ROLES.indexOf(b)),
    balanceFen: takeawayState.cards.get(person.id)?.balanceFen ?? 0,
  } satisfies DirectoryPerson;
}

export function peopleHandlers(base = '*/api'): HttpHandler[] {
  return [
    http.get<never, never, PeoplePage | ErrorBody>(`${base}/people`, ({ request }) => {
      const admin = authenticate(request, ['admin']);
      if (isFailure(admin)) return admin;
      const params = new URL(request.url).searchParams;
      const q = params.get('q') ?? '';
      const unit = params.get('unit');
      const page = intParam(params, 'page', 1, 10_000, 1);
      const pageSize = intParam(params, 'pageSize', 1, PEOPLE_DIRECTORY_LIMITS.maxPageSize, 20);
      if (
        page === null ||
        pageSize === null ||
        q.length > PEOPLE_DIRECTORY_LIMITS.maxQueryLength ||
        (unit !== null && (unit.length < 1 || unit.length > PEOPLE_DIRECTORY_LIMITS.maxUnitLength))
      )
        return fail(400, 'VALIDATION_FAILED');
      const text = q.trim().toLowerCase();
      const matching = [...mockState.people.values()]
        .filter((p) => !p.disabled)
        .filter((p) => unit === null || p.unit === unit)
        .filter(
          (p) =>
            !text || p.name.toLowerCase().includes(text) || p.unit.toLowerCase().includes(text) || p.id === q.trim(),
        )
        .sort((a, b) => byText(a.unit, b.unit) || byText(a.name, b.name) || byText(a.id, b.id));
      return HttpResponse.json<PeoplePage>({
        items: matching.slice((page - 1) * pageSize, page * pageSize).map(toDirectoryPerson),
        total: matching.length,
        page,
        pageSize,
      });
    }),

    http.get<never, never, UnitList | ErrorBody>(`${base}/people/units`, ({ request }) => {
      const admin = authenticate(request, ['admin']);
      if (isFailure(admin)) return admin;
      const q = new URL(request.url).searchParams.get('q') ?? '';
      if (q.length > PEOPLE_DIRECTORY_LIMITS.maxQueryLength) return fail(400, 'VALIDATION_FAILED');
      const text = q.trim().toLowerCase();
      const counts = new Map<string, number>();
      for (const person of mockState.people.values()) {
        if (person.disabled || !person.unit || (text && !person.unit.toLowerCase().includes(text))) continue;
        counts.set(person.unit, (counts.get(person.unit) ?? 0) + 1);
      }
      return HttpResponse.json<UnitList>({
        items: [...counts].sort(([a], [b]) => byText(a, b)).map(([unitName, people]) => ({ unit: unitName, people })),
      });
    }),
  ];
}
