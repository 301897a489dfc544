// Attachments: files uploaded by the people of a conversation, checked by
// their content, kept on local disk or in any S3-compatible store, carried by
// messages, downloaded only by whoever may see them.
export type { AttachmentRow } from './attachments.table';
export { attachmentsMigrations } from './attachments.migrations';
export { attachmentRoutes, type UploaderCtx } from './attachments.routes';
export {
  attachmentCommands,
  attachUploads,
  attachmentsByMessage,
  checkAttachmentIds,
  takeUploads,
  uploadAttachment,
  type AttachmentSettings,
  type Uploader,
  type SeesConversation,
} from './attachments.service';
export { cleanupCommands, deletedConversationsConsumer, unusedUploadsJob } from './cleanup';
export { DEFAULT_ATTACHMENT_TYPES } from './content-type';
export { MAIL_LINK_MS, signedFileRoutes, signedFileUrl, withDownloadLinks, WEBHOOK_LINK_MS, type LinkSettings, type Reader } from './links';
export { diskStore, type AttachmentStore } from './storage';
export { attachmentOrigin, openAttachmentStore } from './stores';
export { parseS3Url, s3Store, PRESIGNED_SECONDS } from './s3-storage';
export type { AttachmentLimits } from './upload';
