import { encodePng, pngChunk } from '../../src/lib/png';

// Small, structurally valid pictures for upload tests (the server reads their headers, not pixels).

/** A valid PNG of exactly `bytes` bytes: a small picture with a private ancillary chunk as ballast. */
export function pngOfSize(bytes: number): Buffer {
  const png = encodePng(2, 2, new Uint8Array(12).fill(90));
  const ballast = bytes - png.length - 12;
  if (ballast < 0) throw new Error('too small for a PNG');
  // Before IEND (the last 12 bytes): chunks after IEND are not part of a PNG.
  return Buffer.concat([
    png.subarray(0, png.length - 12),
    pngChunk('paDd', Buffer.alloc(ballast, 1)),
    png.subarray(-12),
  ]);
}

/** A JPEG's segments (SOI, APP0, SOF0, SOS, scan data, EOI) for a `width` × `height` frame. */
export function tinyJpeg(width = 16, height = 12): Buffer {
  const sof = Buffer.from([0xff, 0xc0, 0x00, 0x0b, 0x08, 0, 0, 0, 0, 0x01, 0x01, 0x11, 0x00]);
  sof.writeUInt16BE(height, 5);
  sof.writeUInt16BE(width, 7);
  return Buffer.concat([
    Buffer.from([0xff, 0xd8]),
    Buffer.from([0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0, 0]),
    sof,
    Buffer.from([0xff, 0xda, 0x00, 0x08, 0x01, 0x01, 0x00, 0x00, 0x3f, 0x00]),
    Buffer.alloc(200, 7),
    Buffer.from([0xff, 0xd9]),
  ]);
}

/** A lossy WebP (RIFF, one `VP8 ` chunk) for a `width` × `height` frame. */
export function tinyWebp(width = 16, height = 12): Buffer {
  const vp8 = Buffer.alloc(120, 3);
  vp8.set([0x9d, 0x01, 0x2a], 3);
  vp8.writeUInt16LE(width, 6);
  vp8.writeUInt16LE(height, 8);
  const chunkHeader = Buffer.alloc(8);
  chunkHeader.write('VP8 ', 0, 'latin1');
  chunkHeader.writeUInt32LE(vp8.length, 4);
  const body = Buffer.concat([Buffer.from('WEBP', 'latin1'), chunkHeader, vp8]);
  const size = Buffer.alloc(4);
  size.writeUInt32LE(body.length);
  return Buffer.concat([Buffer.from('RIFF', 'latin1'), size, body]);
}

/** A PNG whose header declares `width` × `height` (the pixel data is a token: nobody decodes it). */
export function pngDeclaring(width: number, height: number): Buffer {
  const png = encodePng(1, 1, new Uint8Array(3));
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8;
  header[9] = 2;
  // Signature, then our IHDR in place of the 1 × 1 one (8 + 25 bytes), then the rest.
  return Buffer.concat([png.subarray(0, 8), pngChunk('IHDR', header), png.subarray(33)]);
}
