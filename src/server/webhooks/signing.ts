// Standard Webhooks signing (https://www.standardwebhooks.com): a secret is
// "whsec_" and base64 of random bytes; a delivery's signature is
// "v1," + base64(HMAC-SHA256(secret bytes, "<webhook-id>.<webhook-timestamp>.<body>")),
// one entry per live secret, space-separated, so that a receiver that knows
// either secret accepts the delivery during a rotation.
import crypto from 'node:crypto';

const PREFIX = 'whsec_';

/** A new endpoint secret: 32 random bytes. */
export const newSecret = () => `${PREFIX}${crypto.randomBytes(32).toString('base64')}`;

export function signature(secret: string, messageId: string, timestamp: number, body: string): string {
  const key = Buffer.from(secret.slice(PREFIX.length), 'base64');
  return `v1,${crypto.createHmac('sha256', key).update(`${messageId}.${timestamp}.${body}`).digest('base64')}`;
}

/** The three headers of one attempt; `timestampMs` is the attempt's time. */
export function signedHeaders(secrets: readonly string[], messageId: string, timestampMs: number, body: string) {
  const timestamp = Math.floor(timestampMs / 1000);
  return {
    'webhook-id': messageId,
    'webhook-timestamp': String(timestamp),
    'webhook-signature': secrets.map((s) => signature(s, messageId, timestamp, body)).join(' '),
  };
}
