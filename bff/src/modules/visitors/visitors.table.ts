import type { Selectable } from 'kysely';
import type { AuditAction, VisitOrigin, VisitStatus } from '@contract/visitors.schema';

export interface VisitSettingsTable {
  campus_id: string;
  tolerance_minutes: number;
  retention_days: number;
  requires_id_number: number;
}

export interface VisitsTable {
  id: string;
  campus_id: string;
  host_id: string;
  visitor_id: string | null;
  origin: VisitOrigin;
  status: VisitStatus;
  /** 'YYYY-MM-DD', Asia/Shanghai. */
  date: string;
  starts_at: string;
  ends_at: string;
  purpose: string;
  companions: number;
  /** AES-256-GCM sealed JSON of {@link PersonalFields}; null once purged. */
  personal_enc: string | null;
  name_masked: string | null;
  phone_masked: string | null;
  id_masked: string | null;
  plate_masked: string | null;
  phone_hash: string | null;
  id_hash: string | null;
  privacy_version: string | null;
  privacy_agreed_at: string | null;
  flagged: number;
  visits_before: number;
  pass_code: string | null;
  decline_reason: string | null;
  override_reason: string | null;
  decided_by: string | null;
  decided_at: string | null;
  checked_in_at: string | null;
  checked_in_by: string | null;
  checked_out_at: string | null;
  checked_out_by: string | null;
  visitor_deleted: number;
  purged_at: string | null;
  created_at: string;
}

/** What `personal_enc` holds, sealed. */
export interface PersonalFields {
  name: string;
  phone: string;
  idNumber?: string;
  plate?: string;
}

export interface VisitorBlocksTable {
  id: string;
  campus_id: string;
  kind: 'id' | 'phone';
  value_hash: string;
  value_masked: string;
  reason: string;
  created_by: string;
  created_at: string;
}

export interface VisitAuditTable {
  id: string;
  campus_id: string;
  at: string;
  actor_id: string | null;
  actor_role: string;
  action: AuditAction;
  visit_id: string | null;
  detail: string;
}

export type VisitRow = Selectable<VisitsTable>;
export type VisitSettingsRow = Selectable<VisitSettingsTable>;
export type BlockRow = Selectable<VisitorBlocksTable>;
export type AuditRow = Selectable<VisitAuditTable>;

/** The visitors module's tables. */
export interface VisitorsTables {
  visit_settings: VisitSettingsTable;
  visits: VisitsTable;
  visitor_blocks: VisitorBlocksTable;
  visit_audit: VisitAuditTable;
}
