import type {
  AcceptInvitation,
  AuditPage,
  BlockPage,
  GuardView,
  HostList,
  InvitationCreated,
  InvitationView,
  NewApplication,
  NewBlock,
  NewInvitation,
  NewWalkIn,
  PrivacyNotice,
  ScanResult,
  UnitNames,
  Visit,
  VisitPage,
} from '@contract/visitors.schema';
import { getJson, http, postJson } from '@/shared/http';

/** How many visits one page asks for. */
export const PAGE_SIZE = 20;

const visitPath = (id: string) => `/visits/${encodeURIComponent(id)}`;
const page = (cursor: string | null, extra: Record<string, string | number> = {}) => ({
  params: { limit: PAGE_SIZE, ...extra, ...(cursor ? { cursor } : {}) },
});

export const fetchPrivacy = () => getJson<PrivacyNotice>('/visits/privacy');
export const fetchUnits = () => getJson<UnitNames>('/visits/units');
/** What a visitor's form needs before anything is typed: the notice to agree to, and the units. */
export const fetchFormSetup = async () => {
  const [notice, units] = await Promise.all([fetchPrivacy(), fetchUnits()]);
  return { notice, units: units.items };
};
export const fetchHosts = (unit: string, q: string) =>
  getJson<HostList>('/visits/hosts', { params: q ? { unit, q } : { unit } });

/** My visits as host (to me) or visitor (mine), newest first; `date` narrows to one day. */
export const fetchVisits = (as: 'host' | 'visitor', cursor: string | null, date?: string) =>
  getJson<VisitPage>('/visits', page(cursor, date ? { as, date } : { as }));
export const fetchVisit = (id: string) => getJson<Visit>(visitPath(id));

export const invite = (body: NewInvitation) => postJson<InvitationCreated>('/visits', body);
export const applyToVisit = async (body: NewApplication) =>
  (await postJson<{ visit: Visit }>('/visits/applications', body)).visit;
export const approveVisit = (id: string) => postJson<Visit>(`${visitPath(id)}/approve`, {});
export const declineVisit = (id: string, reason: string) => postJson<Visit>(`${visitPath(id)}/decline`, { reason });
export const cancelVisit = (id: string) => postJson<Visit>(`${visitPath(id)}/cancel`, {});
export async function deleteVisit(id: string): Promise<void> {
  await http.delete(visitPath(id));
}

export const openInvitation = (token: string) =>
  getJson<InvitationView>(`/visits/invitations/${encodeURIComponent(token)}`);
export const acceptInvitation = (token: string, body: AcceptInvitation) =>
  postJson<Visit>(`/visits/invitations/${encodeURIComponent(token)}/accept`, body);

export const fetchGuardList = (view: GuardView, cursor: string | null) =>
  getJson<VisitPage>('/visits/today', page(cursor, { view }));
export const scanPass = (pass: string, checkOut = false) =>
  postJson<ScanResult>('/visits/scan', checkOut ? { pass, checkOut } : { pass });
export const registerWalkIn = async (body: NewWalkIn) =>
  (await postJson<{ visit: Visit }>('/visits/walk-ins', body)).visit;
export const overrideVisit = (id: string, reason: string) => postJson<Visit>(`${visitPath(id)}/override`, { reason });
export const revealId = (id: string) => postJson<{ idNumber: string }>(`${visitPath(id)}/reveal`, {});

export const fetchBlocks = (cursor: string | null) => getJson<BlockPage>('/visits/blocks', page(cursor));
export const addBlock = (body: NewBlock) => postJson<{ id: string }>('/visits/blocks', body);
export async function removeBlock(id: string): Promise<void> {
  await http.delete(`/visits/blocks/${encodeURIComponent(id)}`);
}
export const fetchAudit = (cursor: string | null) => getJson<AuditPage>('/visits/audit', page(cursor));
