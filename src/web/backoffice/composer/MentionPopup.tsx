// `@` in the back-office composer: staff whose name matches what follows are
// suggested; the one picked is written as "@Charlie Sheen " and mentioned
// when the message is sent, as long as that text is still in it.
import { useId, useState } from 'react';
import type { BackofficeUser } from '../api';
import { roleLabel } from '../roles';
import { listProps, SuggestList } from './SuggestList';
import { useSuggest } from './useSuggest';

// "@", then up to two words of a name, right before the caret, after a space or at the start
const MENTION = /(?:^|\s)@([^@\s]{0,30}(?: [^@\s]{0,30})?)$/;
const keyOf = (u: BackofficeUser) => String(u.id);

/** "char", "sheen" and "charlie sh" all find Charlie Sheen: the query starts one of the name's words, and may go on into the next. */
function nameMatches(name: string, query: string) {
  const words = name.toLowerCase().split(' ');
  return words.some((_, i) => words.slice(i).join(' ').startsWith(query));
}

export function useMentions(o: { staff: BackofficeUser[]; selfId: number; body: string; setBody(body: string, caret: number): void }) {
  const id = useId();
  const [picked, setPicked] = useState<BackofficeUser[]>([]);
  const suggest = useSuggest<BackofficeUser>({
    value: o.body,
    setValue: o.setBody,
    trigger: MENTION,
    search: (query) => {
      const q = query.trim().toLowerCase();
      return o.staff.filter((u) => u.id !== o.selfId && nameMatches(u.name, q)).slice(0, 8);
    },
    textOf: (u) => `@${u.name} `,
    onPicked: (u) => setPicked((p) => [...p.filter((x) => x.id !== u.id), u]),
  });
  return {
    suggest,
    aria: listProps(id, suggest, keyOf),
    list: (
      <SuggestList
        id={id}
        label="Mention a colleague"
        suggest={suggest}
        keyOf={keyOf}
        render={(u) => (
          <>
            <span>{u.name}</span>
            <span className="muted">{roleLabel(u.role)}</span>
          </>
        )}
      />
    ),
    /** the users picked whose "@Name" the body still holds */
    idsIn: (body: string) => picked.filter((u) => body.includes(`@${u.name}`)).map((u) => u.id),
    reset: () => setPicked([]),
  };
}
