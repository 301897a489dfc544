// A message's files: images as thumbnails that open larger on click, other
// files as a chip (kind, name, size) that downloads. Never rendered from the
// file itself: an SVG or HTML file is only ever a chip, and its download
// comes with Content-Disposition: attachment and a sandboxing CSP.
import { useEffect, useRef, useState } from 'react';
import type { MessageAttachment } from '../../shared/api';
import { fileKindLabel, formatFileSize } from './fileSize';
import './attachments.css';

export function MessageAttachments({ attachments, base }: { attachments: MessageAttachment[] | undefined; base: string }) {
  const [open, setOpen] = useState<MessageAttachment | null>(null);
  if (!attachments?.length) return null;
  const url = (a: MessageAttachment) => `${base}/attachments/${a.id}`;
  return (
    <div className="message-attachments">
      {attachments.map((a) =>
        a.thumbnail ? (
          <button key={a.id} type="button" className="attachment-thumb" onClick={() => setOpen(a)} aria-label={`View ${a.name}`}>
            <img src={`${url(a)}/thumbnail`} alt={a.name} loading="lazy" />
          </button>
        ) : (
          <a key={a.id} className="attachment-chip" href={url(a)} download={a.name}>
            <span className="attachment-kind" aria-hidden="true">
              {fileKindLabel(a.contentType, a.name)}
            </span>
            <span className="attachment-chip-name">{a.name}</span>
            <span className="attachment-chip-size">{formatFileSize(a.size)}</span>
          </a>
        ),
      )}
      {open ? <ImageViewer attachment={open} src={url(open)} onClose={() => setOpen(null)} /> : null}
    </div>
  );
}

function ImageViewer({ attachment, src, onClose }: { attachment: MessageAttachment; src: string; onClose(): void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    dialog.current?.showModal();
  }, []);
  return (
    <dialog
      ref={dialog}
      className="image-viewer"
      aria-label={attachment.name}
      onClose={onClose}
      onClick={(e) => {
        if (e.target === dialog.current) dialog.current.close();
      }}
    >
      <img src={src} alt={attachment.name} />
      <div className="image-viewer-bar">
        <span className="image-viewer-name">{attachment.name}</span>
        <span>{formatFileSize(attachment.size)}</span>
        <a className="btn" href={src} download={attachment.name}>
          Download
        </a>
        <button type="button" className="btn" onClick={() => dialog.current?.close()}>
          Close
        </button>
      </div>
    </dialog>
  );
}
