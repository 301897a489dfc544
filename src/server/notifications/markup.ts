// Message bodies in mail HTML: the UI's light Markdown (bold, italic, code,
// http(s) links, lists, paragraphs), made from text that is escaped first,
// so nothing in a body ever becomes markup of its own; no images, no remote
// anything but the links a person clicks.
const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ESCAPES[c]!);

function inline(text: string): string {
  return escapeHtml(text)
    .replace(/`([^`]+)`/g, '<code>$1</code>')
    .replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>')
    .replace(/(^|[^*])\*([^*\s][^*]*)\*/g, '$1<em>$2</em>')
    .replace(/\[([^\]]+)\]\((https?:\/\/[^\s()]+)\)/g, '<a href="$2" rel="noopener noreferrer nofollow">$1</a>');
}

const LIST_ITEM = /^\s{0,3}[-*+]\s+(.*)$/;

export function lightMarkdownHtml(body: string): string {
  return body
    .replace(/\r\n?/g, '\n')
    .split(/\n\s*\n/)
    .filter((block) => block.trim() !== '')
    .map((block) => {
      const lines = block.split('\n');
      if (lines.every((l) => LIST_ITEM.test(l)))
        return `<ul>${lines.map((l) => `<li>${inline(LIST_ITEM.exec(l)![1]!)}</li>`).join('')}</ul>`;
      return `<p>${lines.map(inline).join('<br>')}</p>`;
    })
    .join('\n');
}
