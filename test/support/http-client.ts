// Plain node:http requests to a server in a child process, through an agent
// whose connections the test controls (fetch hides whether a request failed
// before or after the server had it).
import http from 'node:http';

export interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export function request(
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: unknown; agent?: http.Agent } = {},
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const payload = options.body === undefined ? undefined : JSON.stringify(options.body);
    const req = http.request(
      url,
      {
        method: options.method ?? 'GET',
        agent: options.agent,
        headers: { ...(payload ? { 'content-type': 'application/json' } : {}), ...options.headers },
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (d: string) => (body += d));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

/** A storefront or back-office sign-in against a running server: the cookie and CSRF headers for its writes. */
export async function signInOver(baseUrl: string, side: '/api' | '/admin/api', email: string, password: string) {
  const res = await request(`${baseUrl}${side}/session`, { method: 'POST', body: { email, password } });
  if (res.status !== 200) throw new Error(`sign-in as ${email} answered ${res.status}: ${res.body}`);
  const cookie = String(res.headers['set-cookie']?.[0]).split(';')[0]!;
  const { csrfToken } = JSON.parse(res.body) as { csrfToken: string };
  return { cookie, headers: { cookie, 'x-csrf-token': csrfToken } };
}

/** The id of the first Active conversation in a customer user's list. */
export async function firstActiveConversation(baseUrl: string, headers: Record<string, string>): Promise<number> {
  const list = JSON.parse((await request(`${baseUrl}/api/conversations?status=active`, { headers })).body) as { items: { id: number }[] };
  return list.items[0]!.id;
}

/** Every message of a conversation, page after page, oldest first. */
export async function wholeThread(baseUrl: string, headers: Record<string, string>, conversationId: number) {
  const messages: { id: number; seq: number; body: string }[] = [];
  for (let after = 0; ;) {
    const page = JSON.parse(
      (await request(`${baseUrl}/api/conversations/${conversationId}/messages?after=${after}&limit=100`, { headers })).body,
    ) as {
      items: { id: number; seq: number; body: string }[];
    };
    if (page.items.length === 0) return messages;
    messages.push(...page.items);
    after = page.items.at(-1)!.seq;
  }
}
