// Short notices that confirm something happened ("Conversation deleted."), shown
// by <Notices /> in the shell, so they survive the navigation that often follows.
const NOTICE_MS = 6000;

export interface Notice {
  id: number;
  text: string;
}

let notices: Notice[] = [];
let nextId = 1;
const listeners = new Set<() => void>();
const changed = () => listeners.forEach((l) => l());

export function dismissNotice(id: number) {
  notices = notices.filter((n) => n.id !== id);
  changed();
}

export function notify(text: string) {
  const id = nextId++;
  notices = [...notices, { id, text }].slice(-3);
  changed();
  setTimeout(() => dismissNotice(id), NOTICE_MS);
}

export const noticeStore = {
  subscribe(listener: () => void) {
    listeners.add(listener);
    return () => void listeners.delete(listener);
  },
  snapshot: () => notices,
};
