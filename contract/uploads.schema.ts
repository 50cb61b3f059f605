import { Type, type Static } from '@sinclair/typebox';

export const UPLOAD_MAX_BYTES = 5 * 1024 * 1024;
export const UPLOAD_IMAGE_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;
export type UploadImageType = (typeof UPLOAD_IMAGE_TYPES)[number];

/** Uploaded files are named by their content (a hash), so a URL never changes what it serves. */
export const UPLOAD_FILE_PATTERN = '^[0-9a-f]{32}\\.(jpg|png|webp)$';
export const UPLOAD_URL_PATTERN = '^/api/uploads/[0-9a-f]{32}\\.(jpg|png|webp)$';

/** An accepted image (`POST /api/uploads/images`, multipart/form-data, one file). */
export const UploadSchema = Type.Object({
  /** File name, e.g. `3f…e1.png`. */
  id: Type.String(),
  /** Where it is served, relative to the API host: `/api/uploads/<id>`. Use it as a dish's photoUrl. */
  url: Type.String(),
  contentType: Type.Union(UPLOAD_IMAGE_TYPES.map((t) => Type.Literal(t))),
  bytes: Type.Integer({ minimum: 1 }),
});
export type Upload = Static<typeof UploadSchema>;

export const UploadFileParamsSchema = Type.Object({ file: Type.String({ maxLength: 64 }) });
export type UploadFileParams = Static<typeof UploadFileParamsSchema>;
