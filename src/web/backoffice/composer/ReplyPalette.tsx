// `/` at the start of the back-office composer: a palette of my saved replies
// and the shared ones, searched by what follows the slash (title or text);
// the one picked replaces the "/…" with its text, the conversation's
// variables filled in. Those without a value (no record, say) stay as
// written, and a note under the box says which to fill in before sending.
import { useId, useRef, useState } from 'react';
import { useLoad } from '../../ui/useLoad';
import { replies, type SavedReply } from '../replies/repliesApi';
import { listProps, SuggestList } from './SuggestList';
import { useSuggest } from './useSuggest';

// "/" as the very first character, then the search, up to the caret
const PALETTE = /^\/([^\n/]{0,40})$/;
const keyOf = (r: SavedReply) => String(r.id);

export function useReplyPalette(o: { conversationId: number; body: string; setBody(body: string, caret: number): void }) {
  const id = useId();
  const saved = useLoad(() => replies.list(), []);
  const [unfilled, setUnfilled] = useState<string[]>([]);
  const [failed, setFailed] = useState(false);
  const latest = useRef(o);
  latest.current = o;
  const suggest = useSuggest<SavedReply>({
    value: o.body,
    setValue: o.setBody,
    trigger: PALETTE,
    search: (query) => {
      const q = query.trim().toLowerCase();
      return (saved.data?.items ?? []).filter((r) => r.title.toLowerCase().includes(q) || r.body.toLowerCase().includes(q)).slice(0, 8);
    },
    // the "/…" goes at once; the filled-in text follows from the server
    textOf: () => '',
    onPicked: (reply) => {
      replies.filled(reply.id, o.conversationId).then(
        (filled) => {
          const { body, setBody } = latest.current;
          setBody(filled.body + body, filled.body.length);
          setUnfilled(filled.unfilled);
          setFailed(false);
        },
        () => setFailed(true),
      );
    },
  });
  const notice =
    unfilled.length > 0 ? (
      <p className="field-hint reply-unfilled" role="status">
        Fill in {unfilled.map((v) => `{{${v}}}`).join(', ')}: this conversation has no value for {unfilled.length === 1 ? 'it' : 'them'}.
      </p>
    ) : failed ? (
      <p className="field-error" role="alert">
        Could not insert the saved reply; try again.
      </p>
    ) : null;
  return {
    suggest,
    aria: listProps(id, suggest, keyOf),
    list: (
      <SuggestList
        id={id}
        label="Saved replies"
        suggest={suggest}
        keyOf={keyOf}
        render={(r) => (
          <>
            <span>
              {r.title}
              <span className="suggest-preview">{r.body}</span>
            </span>
            <span className="muted">{r.shared ? 'Shared' : 'Personal'}</span>
          </>
        )}
      />
    ),
    notice,
    /** after sending: what was to fill in is gone with the text */
    reset: () => setUnfilled([]),
  };
}
