import { http, HttpResponse, type HttpHandler } from 'msw';
import type { Upload } from '@contract/uploads.schema';
import { onMockReset } from './state';
import { errorResponse, signedIn, type Params } from './support';

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
    http.post<Params>(
      `${base}/uploads/images`,
      signedIn(async (_person, _params, request) => {
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
    ),
  ];
}
