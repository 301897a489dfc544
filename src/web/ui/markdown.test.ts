import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { Markdown, markdownToText, safeHref } from './markdown';

const html = (source: string) => renderToStaticMarkup(createElement(Markdown, { source }));

describe('Markdown', () => {
  it('renders bold, italic, code, lists and line breaks', () => {
    expect(html('**b** and *i* and `x<y`')).toBe('<div><p><strong>b</strong> and <em>i</em> and <code>x&lt;y</code></p></div>');
    expect(html('- one\n- two\n\n1. first')).toBe('<div><ul><li>one</li><li>two</li></ul><ol><li>first</li></ol></div>');
    expect(html('a\nb')).toBe('<div><p>a<br/>b</p></div>');
    expect(html('```\n<b>raw</b>\n```')).toBe('<div><pre><code>&lt;b&gt;raw&lt;/b&gt;</code></pre></div>');
  });

  it('links only http(s) and mailto, with a safe rel', () => {
    expect(html('[site](https://example.com/a)')).toBe(
      '<div><p><a href="https://example.com/a" target="_blank" rel="noopener noreferrer nofollow">site</a></p></div>',
    );
    expect(html('[x](javascript:alert(1))')).toBe('<div><p>[x](javascript:alert(1))</p></div>');
    expect(html('[x](data:text/html,hi)')).not.toContain('<a');
    expect(safeHref('mailto:a@b.example')).toBe('mailto:a@b.example');
    expect(safeHref('JAVASCRIPT:alert(1)')).toBeNull();
  });

  it('keeps HTML as text', () => {
    expect(html('<img src=x onerror=alert(1)>')).toBe('<div><p>&lt;img src=x onerror=alert(1)&gt;</p></div>');
  });

  it('makes plain-text previews', () => {
    expect(markdownToText('**Hi** [there](https://x.example)\n`code`')).toBe('Hi there code');
  });
});
