// The answer in a reply: the text above our "Reply above this line" marker
// (when the client quoted it), then the quoted history and signature cut by
// email-reply-parser (Gmail's "On … wrote:", Outlook's "From: … Sent: …",
// Apple Mail's, "-- " signatures).
import EmailReplyParser from 'email-reply-parser';
import { REPLY_MARKER } from '../notifications';

const MARKER_LINE = new RegExp(`^.*${REPLY_MARKER.split(' ').join('\\s+')}.*$`, 'm');
// Outlook puts a rule and a From:/Sent: block before the quote, which the parser does not always know
const OUTLOOK_HEADER = /^\s*_{5,}\s*$|^\s*-{2,}\s*Original Message\s*-{2,}\s*$|^From: .+\r?\n(Sent|Date): /im;

export function replyText(text: string): string {
  let body = text.replace(/\r\n?/g, '\n');
  const marker = MARKER_LINE.exec(body);
  if (marker) body = body.slice(0, marker.index);
  const outlook = OUTLOOK_HEADER.exec(body);
  if (outlook) body = body.slice(0, outlook.index);
  return new EmailReplyParser().read(body).getVisibleText().trim();
}
