import type { UploadImageType } from '@contract/uploads.schema';

const startsWith = (data: Buffer, bytes: number[], offset = 0) => bytes.every((b, i) => data[offset + i] === b);

/**
 * The image type by its first bytes (magic numbers), never by the file name or the declared
 * content type: JPEG FF D8 FF, PNG 89 50 4E 47 0D 0A 1A 0A, WebP "RIFF" <size> "WEBP".
 */
export function sniffImageType(
  data: Buffer,
): { contentType: UploadImageType; ext: 'jpg' | 'png' | 'webp' } | undefined {
  if (data.length >= 4 && startsWith(data, [0xff, 0xd8, 0xff])) return { contentType: 'image/jpeg', ext: 'jpg' };
  if (data.length >= 16 && startsWith(data, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
    return { contentType: 'image/png', ext: 'png' };
  if (data.length >= 16 && data.toString('latin1', 0, 4) === 'RIFF' && data.toString('latin1', 8, 12) === 'WEBP') {
    return { contentType: 'image/webp', ext: 'webp' };
  }
  return undefined;
}
