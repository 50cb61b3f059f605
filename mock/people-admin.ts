import { http, HttpResponse, type HttpHandler } from 'msw';
import type { PersonRoles, RoleChange, RoleChangePage, RolesUpdate } from '@contract/people-admin.schema';
import { ROLES, type Role } from '@contract/roles';
import type { MockPerson } from './data';
import { canteenMock } from './canteen';
import { mockState, nextId, onMockReset, toInstant } from './state';
import { errorResponse, signedIn, signedInWith, type Params } from './support';

/**
 * 人员与角色 from memory: a person's roles (the mock's people) and canteens (the canteen mock's
 * staff lists), set as one set, with an audit newest first (the cursor is the last id shown).
 * Only admins get answers; the BFF's other rules (the last admin …) are tested against the BFF,
 * and a test that needs their refusal uses `server.use`.
 */
let changes: RoleChange[] = [];
onMockReset(() => {
  changes = [];
});

const sorted = (roles: readonly Role[]) => [...roles].sort((a, b) => ROLES.indexOf(a) - ROLES.indexOf(b));
const canteensOf = (personId: string) =>
  canteenMock()
    .canteens.filter((c) => c.staff.includes(personId))
    .map((c) => ({ id: c.id, name: c.name }));

function toPersonRoles(person: MockPerson): PersonRoles {
  return {
    person: { id: person.id, name: person.name, unit: person.unit, disabled: person.disabled },
    roles: sorted(person.roles),
    canteens: canteensOf(person.id),
    canteenOptions: canteenMock().canteens.map((c) => ({ id: c.id, name: c.name })),
  };
}

function page(items: RoleChange[], request: Request): RoleChangePage {
  const query = new URL(request.url).searchParams;
  const limit = Number(query.get('limit') ?? 20);
  const cursor = query.get('cursor');
  const start = cursor ? items.findIndex((c) => c.id === cursor) + 1 : 0;
  const shown = items.slice(start, start + limit);
  return { items: shown, nextCursor: start + limit < items.length ? shown[shown.length - 1].id : null };
}

const adminOnly = (person: MockPerson) => (person.roles.includes('admin') ? null : errorResponse(403, 'FORBIDDEN'));

export function peopleAdminHandlers(base: string): HttpHandler[] {
  return [
    http.get<Params>(
      `${base}/admin/people/:id/roles`,
      signedIn((admin, params) => {
        const person = mockState.people.get(String(params.id));
        return (
          adminOnly(admin) ??
          (person ? HttpResponse.json<PersonRoles>(toPersonRoles(person)) : errorResponse(404, 'PERSON_NOT_FOUND'))
        );
      }),
    ),

    http.put<Params>(
      `${base}/admin/people/:id/roles`,
      signedInWith<RolesUpdate>((admin, body, params) => {
        const refused = adminOnly(admin);
        if (refused) return refused;
        const person = mockState.people.get(String(params.id));
        if (!person) return errorResponse(404, 'PERSON_NOT_FOUND');
        const canteenIds = body.roles.includes('canteen') ? (body.canteenIds ?? []) : [];
        if (body.roles.includes('canteen') && canteenIds.length === 0) return errorResponse(400, 'CANTEEN_REQUIRED');
        const before = { roles: sorted(person.roles), canteens: canteensOf(person.id).map((c) => c.name) };
        person.roles = sorted(body.roles);
        for (const canteen of canteenMock().canteens) {
          canteen.staff = canteen.staff.filter((id) => id !== person.id);
          if (canteenIds.includes(canteen.id)) canteen.staff.push(person.id);
        }
        changes.unshift({
          id: nextId('role-change'),
          at: toInstant(mockState.now()),
          person: { id: person.id, name: person.name },
          by: { id: admin.id, name: admin.name },
          before,
          after: { roles: sorted(person.roles), canteens: canteensOf(person.id).map((c) => c.name) },
        });
        return HttpResponse.json<PersonRoles>(toPersonRoles(person));
      }),
    ),

    http.get<Params>(
      `${base}/admin/people/:id/role-changes`,
      signedIn((admin, params, request) => {
        if (!mockState.people.has(String(params.id))) return errorResponse(404, 'PERSON_NOT_FOUND');
        return (
          adminOnly(admin) ??
          HttpResponse.json<RoleChangePage>(
            page(
              changes.filter((c) => c.person.id === params.id),
              request,
            ),
          )
        );
      }),
    ),

    http.get<Params>(
      `${base}/admin/role-changes`,
      signedIn(
        (admin, _params, request) => adminOnly(admin) ?? HttpResponse.json<RoleChangePage>(page(changes, request)),
      ),
    ),
  ];
}
