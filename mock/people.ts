import { http, HttpResponse, type HttpHandler } from 'msw';
import type { DirectoryPerson, PeoplePage, UnitList } from '@contract/people.schema';
import { ROLES } from '@contract/roles';
import type { MockPerson } from './data';
import { mealCardMock } from './meal-card';
import { mockState } from './state';
import { signedIn, type Params } from './support';

/**
 * The people directory (admins picking whom to top up): enabled people, `q` in name or unit or
 * the exact id, `unit` exact, ordered by unit, name, id, paged; units with their headcount. Each
 * person carries their meal-card balance (the meal-card mock's).
 */

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

const toDirectoryPerson = (person: MockPerson): DirectoryPerson => ({
  id: person.id,
  name: person.name,
  unit: person.unit,
  roles: [...person.roles].sort((a, b) => ROLES.indexOf(a) - ROLES.indexOf(b)),
  balanceFen: mealCardMock.cards.get(person.id)?.balanceFen ?? 0,
});

const enabled = () => [...mockState.people.values()].filter((p) => !p.disabled);

export function peopleHandlers(base: string): HttpHandler[] {
  return [
    http.get<Params>(
      `${base}/people`,
      signedIn((_admin, _params, request) => {
        const params = new URL(request.url).searchParams;
        const q = (params.get('q') ?? '').trim();
        const unit = params.get('unit');
        const page = Number(params.get('page') ?? 1);
        const pageSize = Number(params.get('pageSize') ?? 20);
        const text = q.toLowerCase();
        const matching = enabled()
          .filter((p) => unit === null || p.unit === unit)
          .filter((p) => !text || `${p.name}\n${p.unit}`.toLowerCase().includes(text) || p.id === q)
          .sort((a, b) => byText(a.unit, b.unit) || byText(a.name, b.name) || byText(a.id, b.id));
        return HttpResponse.json<PeoplePage>({
          items: matching.slice((page - 1) * pageSize, page * pageSize).map(toDirectoryPerson),
          total: matching.length,
          page,
          pageSize,
        });
      }),
    ),

    http.get<Params>(
      `${base}/people/units`,
      signedIn((_admin, _params, request) => {
        const text = (new URL(request.url).searchParams.get('q') ?? '').trim().toLowerCase();
        const counts = new Map<string, number>();
        for (const { unit } of enabled()) {
          if (unit && unit.toLowerCase().includes(text)) counts.set(unit, (counts.get(unit) ?? 0) + 1);
        }
        const items = [...counts].sort(([a], [b]) => byText(a, b)).map(([name, people]) => ({ unit: name, people }));
        return HttpResponse.json<UnitList>({ items });
      }),
    ),
  ];
}
