// The files a composer is about to send: each checked against the server's
// limits before it leaves (too large, type not allowed, too many: said per
// file, nothing uploaded), then uploaded at once with its own progress and
// cancel. The message is sent with the ids of those done.
import { useCallback, useEffect, useRef, useState, type ClipboardEvent } from 'react';
import type { AttachmentLimits, MessageAttachment } from '../../shared/api';
import { toApiError, type ApiClient } from './api';
import { formatFileSize, typeAllowed } from './fileSize';

export interface AttachmentDraft {
  key: string;
  name: string;
  size: number;
  state: 'uploading' | 'done' | 'refused' | 'failed';
  /** 0 to 1 */
  progress: number;
  error?: string;
  attachment?: MessageAttachment;
}

export interface AttachmentDrafts {
  drafts: AttachmentDraft[];
  add(files: File[]): void;
  /** cancels an upload under way, or drops the file */
  remove(key: string): void;
  clear(): void;
  /** the uploaded files, to send */
  ready: MessageAttachment[];
  uploading: boolean;
}

let counter = 0;

/** Why the file may not be attached, before any upload; null when it may. */
export function refusalOf(file: File, limits: AttachmentLimits | null, alreadyCounted: number): string | null {
  if (!limits) return null;
  if (alreadyCounted >= limits.perMessage) return `Too many files: a message carries at most ${limits.perMessage}.`;
  if (file.size > limits.maxBytes) return `Too large: at most ${formatFileSize(limits.maxBytes)}.`;
  if (file.size === 0) return 'The file is empty.';
  // the browser guesses from the name; the server checks the content
  if (file.type && !typeAllowed(limits.types, file.type)) return 'This type of file may not be attached.';
  return null;
}

export function useAttachmentDrafts(api: ApiClient): AttachmentDrafts {
  const [drafts, setDrafts] = useState<AttachmentDraft[]>([]);
  const [limits, setLimits] = useState<AttachmentLimits | null>(null);
  const aborts = useRef(new Map<string, AbortController>());
  const counted = useRef(0);

  useEffect(() => {
    api.get<AttachmentLimits>('/attachments/limits').then(setLimits, () => undefined);
  }, [api]);
  useEffect(() => {
    const running = aborts.current;
    return () => running.forEach((a) => a.abort());
  }, []);
  const update = (key: string, change: Partial<AttachmentDraft>) =>
    setDrafts((all) => all.map((d) => (d.key === key ? { ...d, ...change } : d)));

  const add = useCallback(
    (files: File[]) => {
      const added: AttachmentDraft[] = [];
      for (const file of files) {
        const key = `draft-${++counter}`;
        const refusal = refusalOf(file, limits, counted.current);
        added.push({
          key,
          name: file.name,
          size: file.size,
          state: refusal ? 'refused' : 'uploading',
          progress: 0,
          error: refusal ?? undefined,
        });
        if (refusal) continue;
        counted.current += 1;
        const abort = new AbortController();
        aborts.current.set(key, abort);
        api
          .upload<MessageAttachment>('/attachments', file, { signal: abort.signal, onProgress: (progress) => update(key, { progress }) })
          .then(
            (attachment) => update(key, { state: 'done', progress: 1, attachment }),
            (e: unknown) => {
              if (e instanceof DOMException && e.name === 'AbortError') return;
              counted.current -= 1;
              const err = toApiError(e);
              update(key, { state: 'failed', error: err.message });
            },
          )
          .finally(() => aborts.current.delete(key));
      }
      setDrafts((all) => [...all, ...added]);
    },
    [api, limits],
  );

  const remove = useCallback(
    (key: string) => {
      const draft = drafts.find((d) => d.key === key);
      if (draft && (draft.state === 'uploading' || draft.state === 'done')) counted.current -= 1;
      setDrafts((all) => all.filter((d) => d.key !== key));
      aborts.current.get(key)?.abort();
    },
    [drafts],
  );

  const clear = useCallback(() => {
    counted.current = 0;
    setDrafts([]);
  }, []);

  const ready = drafts.flatMap((d) => (d.state === 'done' && d.attachment ? [d.attachment] : []));
  return { drafts, add, remove, clear, ready, uploading: drafts.some((d) => d.state === 'uploading') };
}

/** A text box's onPaste: a pasted image (a screenshot) is attached; text pastes as usual. */
export const attachPasted = (drafts: AttachmentDrafts) => (e: ClipboardEvent<HTMLElement>) => {
  if (e.clipboardData.files.length === 0) return;
  e.preventDefault();
  drafts.add([...e.clipboardData.files]);
};
