import type { Kysely } from 'kysely';
import type { Readable } from 'node:stream';
import { createHash } from 'node:crypto';
import { UPLOAD_FILE_PATTERN, UPLOAD_MAX_BYTES, type Upload, type UploadImageType } from '@contract/uploads.schema';
import type { Database } from '../../db/schema';
import { DomainError } from '../../errors';
import { toStored, type Clock } from '../../lib/time';
import { judgeImage } from './image-type';
import type { Storage } from './storage';
import { findUpload, insertUpload } from './uploads.repository';
import type { UploadRow } from './uploads.table';

const FILE_NAME = new RegExp(UPLOAD_FILE_PATTERN);

export const uploadUrl = (id: string): string => `/api/uploads/${id}`;

/** `/api/uploads/<id>` → `<id>`; anything else → undefined. */
export function uploadIdOfUrl(url: string): string | undefined {
  const id = url.startsWith('/api/uploads/') ? url.slice('/api/uploads/'.length) : '';
  return FILE_NAME.test(id) ? id : undefined;
}

/** Content-addressed name: the same bytes always get the same name, so URLs are immutable. */
export function uploadIdFor(data: Buffer, ext: string): string {
  return `${createHash('sha256').update(data).digest('hex').slice(0, 32)}.${ext}`;
}

const toUpload = (row: UploadRow): Upload => ({
  id: row.id,
  url: uploadUrl(row.id),
  contentType: row.content_type as UploadImageType,
  bytes: row.bytes,
});

export function createUploadsService(deps: { db: Kysely<Database>; clock: Clock; storage: Storage }) {
  const { db, clock, storage } = deps;
  return {
    /**
     * Accepts a JPEG, PNG or WebP of at most 5 MB and 8,000 px a side, judged by its bytes. Every
     * refusal happens before anything is written, so a refused upload leaves nothing in the storage.
     */
    async saveImage(data: Buffer, uploadedBy: string): Promise<Upload> {
      if (data.length === 0) throw new DomainError('UPLOAD_EMPTY', 400);
      if (data.length > UPLOAD_MAX_BYTES) throw new DomainError('UPLOAD_TOO_LARGE', 413);
      const type = judgeImage(data);
      if (!type.ok) {
        if (type.problem === 'type') throw new DomainError('UPLOAD_TYPE_NOT_ALLOWED', 415);
        throw new DomainError(type.problem === 'invalid' ? 'UPLOAD_IMAGE_INVALID' : 'UPLOAD_IMAGE_DIMENSIONS', 400);
      }
      const row: UploadRow = {
        id: uploadIdFor(data, type.ext),
        content_type: type.contentType,
        bytes: data.length,
        uploaded_by: uploadedBy,
        created_at: toStored(clock.now()),
      };
      // Bytes first, then the row: a row never points at a missing file.
      await storage.put(row.id, data);
      await insertUpload(db, row);
      return toUpload((await findUpload(db, row.id)) ?? row);
    },

    /** The file's metadata, for serving; undefined for names we never issued. */
    async find(id: string): Promise<UploadRow | undefined> {
      if (!FILE_NAME.test(id)) return undefined;
      return findUpload(db, id);
    },

    async open(id: string): Promise<Readable | undefined> {
      return storage.open(id);
    },
  };
}

export type UploadsService = ReturnType<typeof createUploadsService>;
