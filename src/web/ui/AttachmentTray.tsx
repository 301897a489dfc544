// The composer's files: the Attach button, and each chosen file with its
// progress bar and cancel, or why it was refused.
import { useRef } from 'react';
import { formatFileSize } from './fileSize';
import type { AttachmentDrafts } from './useAttachmentDrafts';
import './attachments.css';

export function AttachButton({ drafts, disabled }: { drafts: AttachmentDrafts; disabled?: boolean }) {
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <button type="button" className="btn attach-button" onClick={() => input.current?.click()} disabled={disabled}>
        <svg viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">
          <path
            d="M11.5 4.5 5.8 10.2a1.3 1.3 0 0 0 1.9 1.9l5.6-5.7a2.7 2.7 0 0 0-3.8-3.8L3.8 8.3a4 4 0 0 0 5.7 5.7l4-4"
            fill="none"
            stroke="currentColor"
            strokeWidth="1.4"
            strokeLinecap="round"
          />
        </svg>
        Attach
      </button>
      <input
        ref={input}
        type="file"
        multiple
        hidden
        aria-label="Attach files"
        data-testid="attach-input"
        onChange={(e) => {
          drafts.add([...(e.target.files ?? [])]);
          e.target.value = '';
        }}
      />
    </>
  );
}

export function AttachmentTray({ drafts }: { drafts: AttachmentDrafts }) {
  if (drafts.drafts.length === 0) return null;
  return (
    <ul className="attachment-tray" aria-label="Files to send">
      {drafts.drafts.map((d) => {
        const problem = d.state === 'refused' || d.state === 'failed';
        return (
          <li key={d.key} className={`attachment-draft attachment-draft-${d.state}`}>
            <span className="attachment-draft-name">{d.name}</span>
            <span className="attachment-draft-size">{formatFileSize(d.size)}</span>
            {d.state === 'uploading' ? (
              <span
                className="attachment-progress"
                role="progressbar"
                aria-label={`Uploading ${d.name}`}
                aria-valuemin={0}
                aria-valuemax={100}
                aria-valuenow={Math.round(d.progress * 100)}
              >
                <span style={{ width: `${Math.round(d.progress * 100)}%` }} />
              </span>
            ) : null}
            {problem ? (
              <span className="attachment-draft-error" role="alert">
                {d.error}
              </span>
            ) : null}
            <button
              type="button"
              className="attachment-draft-remove"
              onClick={() => drafts.remove(d.key)}
              aria-label={d.state === 'uploading' ? `Cancel upload of ${d.name}` : `Remove ${d.name}`}
              title={d.state === 'uploading' ? 'Cancel upload' : 'Remove'}
            >
              ×
            </button>
          </li>
        );
      })}
    </ul>
  );
}
