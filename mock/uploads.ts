import { http, HttpResponse, type HttpHandler } from 'msw';
import type { ErrorBody } from '../contract/common.schema';
import type { Upload } from '../contract/uploads.schema';
import { onMockReset } from './state';
import { authenticate, errorResponse, isFailure } from './support';

/**
 * Photo uploads: takes the one file of a multipart body and answers where it lives. The BFF's
 * checks by content (type, size) are not here: a test that needs a refusal overrides the route.
 */

const EXTENSIONS: Record<string, 'jpg' | 'png' | 'webp'> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
};

let seq = 0;
onMockReset(() => {
  seq = 0;
});

export function uploadsHandlers(base: string): HttpHandler[] {
  return [
    http.post<never, never, Upload | ErrorBody>(`${base}/uploads/images`, async ({ request }) => {
      const person = authenticate(request);
      if (isFailure(person)) return person;
      const file = [...(await request.formData()).values()].find((v): v is File => typeof v !== 'string');
      if (!file || file.size === 0) return errorResponse(400, 'UPLOAD_EMPTY');
      const extension = EXTENSIONS[file.type] ?? 'png';
      seq += 1;
      const id = `${seq.toString(16).padStart(32, 'a')}.${extension}`;
      const contentType: Upload['contentType'] = extension === 'jpg' ? 'image/jpeg' : `image/${extension}`;
      return HttpResponse.json<Upload>(
        { id, url: `/api/uploads/${id}`, contentType, bytes: file.size },
        { status: 201 },
      );
    }),
  ];
}
