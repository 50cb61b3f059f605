import type { Selectable } from 'kysely';

/** Metadata of a stored file; its bytes are in the Storage under the same id. */
export interface UploadsTable {
  /** `<32 hex of sha256>.<ext>`: named by content, so a URL always serves the same bytes. */
  id: string;
  content_type: string;
  bytes: number;
  uploaded_by: string | null;
  created_at: string;
}

export type UploadRow = Selectable<UploadsTable>;

/** The uploads module's tables. */
export interface UploadsTables {
  uploads: UploadsTable;
}
