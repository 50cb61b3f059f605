import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import multipart from '@fastify/multipart';
import { Type } from '@sinclair/typebox';
import { ErrorBodySchema } from '@contract/common.schema';
import { UPLOAD_MAX_BYTES, UploadFileParamsSchema, UploadSchema } from '@contract/uploads.schema';
import { DomainError, notFound } from '../../errors';
import { authorize, personOf } from '../../plugins/authorize';
import type { AuthService } from '../auth';
import type { UploadsService } from './uploads.service';

/**
 * Who may upload: everyone who works in the compound (dish photos, photos on a mailbox letter,
 * later on a repair request); visitor-only accounts do not take photos anywhere.
 */
const UPLOADERS = ['staff', 'admin', 'canteen', 'repairer', 'dispatcher', 'guard'] as const;

function etagMatches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header.split(',').some((tag) => {
    const t = tag.trim();
    return t === '*' || t === etag || t === `W/${etag}`;
  });
}

export async function registerUploadRoutes(
  app: FastifyInstance,
  deps: { auth: AuthService; uploads: UploadsService },
): Promise<void> {
  const { uploads } = deps;

  // Encapsulated: the multipart parser exists only for the upload route.
  await app.register(async (scope) => {
    // One byte over the limit is read, so an oversized file is always seen as oversized by its
    // length; busboy's `truncated` flag was read racily and a cut-short file was kept with 201.
    await scope.register(multipart, {
      limits: { fileSize: UPLOAD_MAX_BYTES + 1, files: 1, fields: 5, parts: 6, fieldSize: 1024, headerPairs: 50 },
      throwFileSizeLimit: false,
    });
    const api = scope.withTypeProvider<TypeBoxTypeProvider>();

    api.post(
      '/api/uploads/images',
      {
        preHandler: authorize(deps.auth, UPLOADERS),
        schema: {
          tags: ['uploads'],
          summary: '上传图片（菜品照片）',
          description:
            'multipart/form-data，一个文件字段（字段名不限）。只接受 JPEG、PNG、WebP（按文件内容判断，与文件名无关），不超过 5 MB。' +
            '返回的 url 可作为菜品的 photoUrl。',
          consumes: ['multipart/form-data'],
          security: [{ bearer: [] }],
          response: {
            201: UploadSchema,
            400: ErrorBodySchema,
            401: ErrorBodySchema,
            403: ErrorBodySchema,
            413: ErrorBodySchema,
            415: ErrorBodySchema,
          },
        },
      },
      async (request, reply) => {
        if (!request.isMultipart())
          throw new DomainError('UNSUPPORTED_MEDIA_TYPE', 415, '请以 multipart/form-data 表单上传图片');
        let data: Buffer = Buffer.alloc(0);
        let cutShort = false;
        try {
          const part = await request.file();
          if (part) {
            data = await part.toBuffer();
            cutShort = part.file.truncated;
          }
        } catch (error) {
          const code = (error as { code?: string }).code;
          if (code === 'FST_REQ_FILE_TOO_LARGE') throw new DomainError('UPLOAD_TOO_LARGE', 413);
          if (code === 'FST_FILES_LIMIT' || code === 'FST_PARTS_LIMIT' || code === 'FST_FIELDS_LIMIT') {
            throw new DomainError('BAD_REQUEST', 400, '一次只能上传一张图片');
          }
          // Reading the body failed: the client's form ended early ("Part terminated early",
          // "Unexpected end of form") or was not a form at all. Nothing has been kept.
          throw new DomainError('UPLOAD_INCOMPLETE', 400);
        }
        // Truncated at the limit + 1: longer than allowed, whatever the flag's timing.
        if (cutShort || data.length > UPLOAD_MAX_BYTES) throw new DomainError('UPLOAD_TOO_LARGE', 413);
        return reply.status(201).send(await uploads.saveImage(data, personOf(request).id));
      },
    );
  });

  // Public on purpose: <Image src> in a mini-program cannot send a bearer token. Names are
  // unguessable content hashes, and the bytes behind a name never change: cache for a year.
  app.withTypeProvider<TypeBoxTypeProvider>().get(
    '/api/uploads/:file',
    {
      schema: {
        tags: ['uploads'],
        summary: '读取已上传的图片',
        description: '按内容命名、内容永不变化，可长期缓存（Cache-Control: immutable）。',
        params: UploadFileParamsSchema,
        response: {
          200: Type.Unsafe<unknown>({
            type: 'string',
            format: 'binary',
            description: 'image/jpeg、image/png 或 image/webp',
          }),
          304: Type.Null({ description: '未变化' }),
          404: ErrorBodySchema,
        },
      },
    },
    async (request, reply) => {
      const row = await uploads.find(request.params.file);
      if (!row) throw notFound('UPLOAD_NOT_FOUND');
      const etag = `"${row.id}"`;
      reply
        .header('cache-control', 'public, max-age=31536000, immutable')
        .header('etag', etag)
        .header('x-content-type-options', 'nosniff');
      if (etagMatches(request.headers['if-none-match'], etag)) return reply.status(304).send(null);
      const stream = await uploads.open(row.id);
      if (!stream) throw notFound('UPLOAD_NOT_FOUND');
      return reply.type(row.content_type).header('content-length', row.bytes).send(stream);
    },
  );
}
