import type {
  NewRepair,
  RepairBoard,
  RepairCategory,
  RepairCategoryInput,
  RepairerProfile,
  RepairerProfileInput,
  RepairLocations,
  RepairPage,
  RepairTicket,
  RepairTicketDetail,
} from '@contract/repairs.schema';
import { getJson, http, postJson } from '@/shared/http';

/** Which tickets a list shows: reported by me, dispatched to me, waiting for dispatch, or all. */
export type Scope = 'mine' | 'assigned' | 'queue' | 'all';
export type TicketAction =
  | 'accept'
  | 'decline'
  | 'arrive'
  | 'pause'
  | 'resume'
  | 'finish'
  | 'cancel'
  | 'rate'
  | 'reopen'
  | 'assign';

export const PAGE_SIZE = 20;

const ticketPath = (id: string) => `/repairs/${encodeURIComponent(id)}`;

export function fetchCategories(all = false): Promise<RepairCategory[]> {
  return getJson<RepairCategory[]>('/repairs/categories', all ? { params: { all: true } } : undefined);
}

export function fetchLocations(): Promise<RepairLocations> {
  return getJson<RepairLocations>('/repairs/locations');
}

/** One page, newest first; pass the previous page's `nextCursor` for the next. */
export function fetchTickets(
  scope: Scope,
  state: 'open' | 'closed' | null,
  cursor: string | null,
): Promise<RepairPage> {
  const params: Record<string, string | number> = { scope, limit: PAGE_SIZE };
  if (state) params.state = state;
  if (cursor) params.cursor = cursor;
  return getJson<RepairPage>('/repairs', { params });
}

export function fetchTicket(id: string): Promise<RepairTicketDetail> {
  return getJson<RepairTicketDetail>(ticketPath(id));
}

/** Reports; `idempotencyKey` belongs to one press of 提交 (a retry sends the same). */
export async function reportRepair(repair: NewRepair, idempotencyKey: string): Promise<RepairTicket> {
  return (
    await postJson<{ ticket: RepairTicket }>('/repairs', repair, { headers: { 'Idempotency-Key': idempotencyKey } })
  ).ticket;
}

export function actOn(
  id: string,
  action: TicketAction,
  body: Record<string, unknown> = {},
): Promise<RepairTicketDetail> {
  return postJson<RepairTicketDetail>(`${ticketPath(id)}/${action}`, body);
}

export function fetchBoard(): Promise<RepairBoard> {
  return getJson<RepairBoard>('/repairs/board');
}

export function fetchRepairers(): Promise<RepairerProfile[]> {
  return getJson<RepairerProfile[]>('/repairs/repairers');
}

export function fetchRepairer(personId: string): Promise<RepairerProfile> {
  return getJson<RepairerProfile>(`/repairs/repairers/${encodeURIComponent(personId)}`);
}

export function saveRepairer(personId: string, profile: RepairerProfileInput): Promise<RepairerProfile> {
  return http.put<RepairerProfile>(`/repairs/repairers/${encodeURIComponent(personId)}`, profile).then((r) => r.data);
}

export function createCategory(input: RepairCategoryInput): Promise<RepairCategory> {
  return postJson<RepairCategory>('/repairs/categories', input);
}

export function saveCategory(id: string, input: RepairCategoryInput): Promise<RepairCategory> {
  return http.put<RepairCategory>(`/repairs/categories/${encodeURIComponent(id)}`, input).then((r) => r.data);
}

/** Adds a floor to a building; answers the places as they are now. */
export function addFloor(buildingId: string, name: string): Promise<RepairLocations> {
  return postJson<RepairLocations>(`/repairs/buildings/${encodeURIComponent(buildingId)}/floors`, { name });
}

/** Adds a room to a floor; answers the places as they are now. */
export function addRoom(floorId: string, name: string): Promise<RepairLocations> {
  return postJson<RepairLocations>(`/repairs/floors/${encodeURIComponent(floorId)}/rooms`, { name });
}

export function saveBuildingArea(buildingId: string, area: string): Promise<void> {
  return http.put(`/repairs/buildings/${encodeURIComponent(buildingId)}/area`, { area }).then(() => undefined);
}
