// A reply's attachments, kept under the same rules as an upload: each one
// checked by content and size and stored; at most 10; any refused is named
// in the message instead, with the reason ("(attachment not kept: x.exe:
// type application/x-msdownload not allowed)"), never dropped in silence.
import { Readable } from 'node:stream';
import type { Attachment } from 'mailparser';
import { ATTACHMENTS_PER_MESSAGE } from '../../shared/api';
import { uploadAttachment, type AttachmentSettings } from '../attachments';
import type { PersonActor } from '../kernel/actor';
import type { Ctx } from '../kernel/context';
import { AppError } from '../kernel/errors';

export async function keepMailAttachments(ctx: Ctx<PersonActor>, settings: AttachmentSettings, attachments: readonly Attachment[]) {
  const ids: number[] = [];
  const notKept: string[] = [];
  for (const a of attachments.filter((x) => x.contentDisposition !== 'inline')) {
    const name = a.filename ?? 'unnamed';
    if (ids.length >= ATTACHMENTS_PER_MESSAGE) {
      notKept.push(`(attachment not kept: ${name}: more than ${ATTACHMENTS_PER_MESSAGE} files)`);
      continue;
    }
    try {
      ids.push((await uploadAttachment(ctx, settings, { filename: name, file: Readable.from([a.content]) })).id);
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      notKept.push(`(attachment not kept: ${error.fields?.file ?? name})`);
    }
  }
  return { ids, notKept };
}
