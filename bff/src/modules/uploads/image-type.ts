import type { UploadImageType } from '@contract/uploads.schema';
import { readImageHeader, type ImageKind } from '../../lib/image-header';

/** The longest side an accepted picture may declare (a phone photo is about 4,000 px). */
export const MAX_IMAGE_SIDE = 8000;

const TYPES: Record<ImageKind, { contentType: UploadImageType; ext: 'jpg' | 'png' | 'webp' }> = {
  jpeg: { contentType: 'image/jpeg', ext: 'jpg' },
  png: { contentType: 'image/png', ext: 'png' },
  webp: { contentType: 'image/webp', ext: 'webp' },
};

export type ImageVerdict =
  | { ok: true; contentType: UploadImageType; ext: 'jpg' | 'png' | 'webp'; width: number; height: number }
  | { ok: false; problem: 'type' | 'invalid' | 'dimensions' };

/**
 * The image type by its bytes (magic numbers and then its structure), never by the file name or
 * the declared content type: JPEG FF D8 FF, PNG 89 50 4E 47 0D 0A 1A 0A, WebP "RIFF" <size> "WEBP".
 * A body that carries a signature but is not laid out as that image, or declares a side longer
 * than MAX_IMAGE_SIDE (a decompression bomb for whoever shows it), is refused.
 */
export function judgeImage(data: Buffer): ImageVerdict {
  const header = readImageHeader(data);
  if (!header) return { ok: false, problem: 'type' };
  if ('invalid' in header) return { ok: false, problem: 'invalid' };
  if (header.width > MAX_IMAGE_SIDE || header.height > MAX_IMAGE_SIDE) return { ok: false, problem: 'dimensions' };
  return { ok: true, ...TYPES[header.kind], width: header.width, height: header.height };
}
