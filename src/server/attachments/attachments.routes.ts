import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ATTACHMENTS_PER_MESSAGE, AttachmentLimits, ErrorBody, IdParams, MessageAttachment } from '../../shared/api';
import type { Ctx, Runtime } from '../kernel/context';
import { AppError, invalidFields } from '../kernel/errors';
import { findVisibleAttachment, uploadAttachment, type AttachmentSettings, type Uploader } from './attachments.service';
import { sendAttachment, sendThumbnail } from './download';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 413: ErrorBody, 415: ErrorBody };

/** A multipart body that does not parse (cut short, no boundary, a part too many) is the client's: 400. */
function malformed(error: unknown): unknown {
  if (error instanceof AppError) return error;
  const code = (error as { code?: string }).code ?? '';
  const busboy = error instanceof Error && /multipart|boundary|unexpected end|part/i.test(error.message);
  return code.startsWith('FST_') || busboy
    ? invalidFields({ file: 'The multipart body could not be read; send one part named file.' })
    : error;
}

/** The scope's own context for an uploader: its session (a side's), or its token (the integration's, with conversations:write). */
export type UploaderCtx = (runtime: Runtime, request: FastifyRequest) => Ctx<Uploader>;

/** Uploading and downloading files, in one scope of the API (`/api`, `/admin/api`, `/integration/v1`). */
export function attachmentRoutes(settings: AttachmentSettings, tag: string, ctxOf: UploaderCtx) {
  const tags = [tag];
  return (runtime: Runtime) => async (base: FastifyInstance) => {
    const app = base.withTypeProvider<ZodTypeProvider>();
    // multipart bodies are read in this plugin only: everywhere else the API takes JSON alone
    await app.register(multipart, {
      throwFileSizeLimit: false,
      limits: { fileSize: settings.limits.maxBytes, files: 1, fields: 0, parts: 1, headerPairs: 20 },
    });

    app.post(
      '/attachments',
      {
        schema: {
          tags,
          summary: 'Upload a file to attach to a message',
          description:
            'multipart/form-data with one part named file. The type is found from the content and must be in PARLEY_ATTACHMENT_TYPES; the size at most PARLEY_ATTACHMENT_MAX_MB. Post a message with its id in attachmentIds within 24 hours, or it is removed.',
          consumes: ['multipart/form-data'],
          response: { 201: MessageAttachment, ...errors },
        },
      },
      async (request, reply) => {
        const ctx = ctxOf(runtime, request);
        if (!request.isMultipart()) {
          throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'Send the file as multipart/form-data, in a part named file.');
        }
        let attachment;
        try {
          const file = await request.file();
          if (!file) throw invalidFields({ file: 'Choose a file.' });
          attachment = await uploadAttachment(ctx, settings, file);
        } catch (error) {
          throw malformed(error);
        }
        return reply.status(201).send(attachment);
      },
    );

    app.get(
      '/attachments/limits',
      {
        schema: {
          tags,
          summary: 'The largest file, the types allowed, and files per message',
          response: { 200: AttachmentLimits, 401: ErrorBody },
        },
      },
      (request) => {
        ctxOf(runtime, request);
        return { maxBytes: settings.limits.maxBytes, types: [...settings.limits.types], perMessage: ATTACHMENTS_PER_MESSAGE };
      },
    );

    app.get(
      '/attachments/:id',
      {
        schema: {
          tags,
          summary: 'Download a file (Range requests; from S3, a redirect to a URL valid for 5 minutes)',
          params: IdParams,
          response: { 404: ErrorBody, 401: ErrorBody, 416: ErrorBody },
        },
      },
      async (request, reply) => {
        const ctx = ctxOf(runtime, request);
        const row = await findVisibleAttachment(ctx, settings, request.params.id);
        return sendAttachment(reply, settings.store, row, request.headers.range);
      },
    );

    app.get(
      '/attachments/:id/thumbnail',
      {
        schema: {
          tags,
          summary: "An image's thumbnail (WebP, at most 400 px)",
          params: IdParams,
          response: { 404: ErrorBody, 401: ErrorBody },
        },
      },
      async (request, reply) => {
        const ctx = ctxOf(runtime, request);
        const row = await findVisibleAttachment(ctx, settings, request.params.id);
        return sendThumbnail(reply, settings.store, row);
      },
    );
  };
}
