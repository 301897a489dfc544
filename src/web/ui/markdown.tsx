// Light Markdown for message bodies (bold, italic, links, lists, code, line
// breaks) rendered straight to React elements. Nothing is ever parsed as HTML:
// every piece of text becomes a React text node, so `<img onerror>` stays text,
// and links are made only for http(s) and mailto URLs.
import type { ReactNode } from 'react';

type Block = { kind: 'code'; text: string } | { kind: 'list'; ordered: boolean; items: string[] } | { kind: 'paragraph'; lines: string[] };

const LIST_ITEM = /^\s{0,3}([-*+]|\d{1,9}[.)])\s+(.*)$/;
const FENCE = /^\s{0,3}```/;

function parseBlocks(source: string): Block[] {
  const lines = source.replace(/\r\n?/g, '\n').split('\n');
  const blocks: Block[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i]!;
    if (FENCE.test(line)) {
      const body: string[] = [];
      i++;
      while (i < lines.length && !FENCE.test(lines[i]!)) body.push(lines[i++]!);
      i++; // the closing fence (or the end of the text when it is missing)
      blocks.push({ kind: 'code', text: body.join('\n') });
      continue;
    }
    const item = LIST_ITEM.exec(line);
    if (item) {
      const ordered = /\d/.test(item[1]!);
      const items: string[] = [];
      while (i < lines.length) {
        const m = LIST_ITEM.exec(lines[i]!);
        if (!m || /\d/.test(m[1]!) !== ordered) break;
        items.push(m[2]!);
        i++;
      }
      blocks.push({ kind: 'list', ordered, items });
      continue;
    }
    if (line.trim() === '') {
      i++;
      continue;
    }
    const para: string[] = [];
    while (i < lines.length && lines[i]!.trim() !== '' && !FENCE.test(lines[i]!) && !LIST_ITEM.test(lines[i]!)) {
      para.push(lines[i++]!);
    }
    blocks.push({ kind: 'paragraph', lines: para });
  }
  return blocks;
}

/** Only these schemes become links; `javascript:`, `data:` and the rest stay text. */
export function safeHref(url: string): string | null {
  const trimmed = url.trim();
  if (/^(https?:\/\/|mailto:)[^\s<>"]+$/i.test(trimmed)) return trimmed;
  return null;
}

// Order matters: code first (its content is literal), then links, then emphasis.
const INLINE =
  /(`+)([^`]|[^`][\s\S]*?[^`])\1(?!`)|\[([^\]\n]+)\]\(([^)\s]+)\)|\*\*([^*\n]+?)\*\*|__([^_\n]+?)__|\*([^*\n]+?)\*|(?<![\w])_([^_\n]+?)_(?![\w])|(https?:\/\/[^\s<>()]+[^\s<>().,;:!?'"])/g;

function renderInline(text: string, keyPrefix: string): ReactNode[] {
  const out: ReactNode[] = [];
  let last = 0;
  let n = 0;
  for (const m of text.matchAll(INLINE)) {
    const start = m.index ?? 0;
    if (start > last) out.push(text.slice(last, start));
    const key = `${keyPrefix}.${n++}`;
    const [whole, , code, linkText, linkUrl, bold1, bold2, em1, em2, bare] = m;
    if (code !== undefined) {
      out.push(<code key={key}>{code}</code>);
    } else if (linkText !== undefined && linkUrl !== undefined) {
      const href = safeHref(linkUrl);
      out.push(href ? link(href, renderInline(linkText, key), key) : whole);
    } else if (bold1 !== undefined || bold2 !== undefined) {
      out.push(<strong key={key}>{renderInline(bold1 ?? bold2 ?? '', key)}</strong>);
    } else if (em1 !== undefined || em2 !== undefined) {
      out.push(<em key={key}>{renderInline(em1 ?? em2 ?? '', key)}</em>);
    } else if (bare !== undefined) {
      const href = safeHref(bare);
      out.push(href ? link(href, bare, key) : bare);
    }
    last = start + whole.length;
  }
  if (last < text.length) out.push(text.slice(last));
  return out;
}

function link(href: string, children: ReactNode, key: string) {
  return (
    <a key={key} href={href} target="_blank" rel="noopener noreferrer nofollow">
      {children}
    </a>
  );
}

function withBreaks(lines: string[], key: string): ReactNode[] {
  return lines.flatMap((line, i) => [...(i > 0 ? [<br key={`${key}.br${i}`} />] : []), ...renderInline(line, `${key}.${i}`)]);
}

/** A message body as React elements; `className` goes on the wrapper. */
export function Markdown({ source, className }: { source: string; className?: string }) {
  return (
    <div className={className}>
      {parseBlocks(source).map((block, b) => {
        const key = String(b);
        if (block.kind === 'code') {
          return (
            <pre key={key}>
              <code>{block.text}</code>
            </pre>
          );
        }
        if (block.kind === 'list') {
          const items = block.items.map((item, i) => <li key={i}>{renderInline(item, `${key}.${i}`)}</li>);
          return block.ordered ? <ol key={key}>{items}</ol> : <ul key={key}>{items}</ul>;
        }
        return <p key={key}>{withBreaks(block.lines, key)}</p>;
      })}
    </div>
  );
}

/** Plain text for previews: the Markdown marks removed, nothing rendered. */
export function markdownToText(source: string): string {
  return source
    .replace(/```/g, '')
    .replace(/\[([^\]\n]+)\]\(([^)\s]+)\)/g, '$1')
    .replace(/(\*\*|__|`)/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}
