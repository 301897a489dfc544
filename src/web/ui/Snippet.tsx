// A search hit's excerpt: plain text parts, the matched words in <mark>.
// The parts are text (never HTML), so whatever a message holds stays text.
import type { SnippetPart } from '../../shared/search';

export function Snippet({ parts }: { parts: SnippetPart[] }) {
  return <>{parts.map((part, i) => (part.match ? <mark key={i}>{part.text}</mark> : <span key={i}>{part.text}</span>))}</>;
}
