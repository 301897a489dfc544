// The API fuzzed from its own OpenAPI document (/api/docs/json): every
// operation of both sides and the operator's probes, signed in as a demo user
// who may use it, gets requests that are wrong in one place each (a path,
// query, header or body field set to a wrong type, a boundary, a huge value,
// NUL or a lone surrogate; a body that is not JSON or not an object; a path
// part too long or badly encoded; odd query strings; another user or none).
// Over 5,000 requests per database: none may answer 5xx, every 4xx must be
// the error shape with a catalogue code and its status, and what must be
// refused (test/support/fuzz.ts says what) is. fast-check generates them from
// a fixed seed, printed with the smallest failing request on a failure.
import fc from 'fast-check';
import type { LightMyRequestResponse } from 'fastify';
import { beforeAll, expect, it } from 'vitest';
import { describeApi, kind, signIn, type Agent, type Harness } from '../support/api';
import { customerUserId, newConversation, ok, recordId } from '../support/fixtures';
import {
  badPathValues,
  encodeForUrl,
  expectErrorShape,
  mustRefuse,
  oddQueries,
  operationsOf,
  queryPairs,
  rawBodies,
  valueFor,
  type Field,
  type JsonSchema,
  type Operation,
} from '../support/fuzz';

const SEED = 1612;
const AT_LEAST = 5_000;

type Who = 'usual' | 'other' | 'anonymous' | 'no csrf';
type Mutation =
  | { kind: 'field'; field: Field; value: unknown }
  | { kind: 'extra field'; in: 'query' | 'body'; name: string; value: unknown }
  | { kind: 'raw body'; contentType: string; payload: string; refused: 'parsed' | 'schema' | 'never' }
  | { kind: 'path'; value: string }
  | { kind: 'query'; query: string };

interface Context {
  /** the valid value of each named field or path id, by operation */
  valid(op: Operation, name: string): unknown;
  agent(op: Operation, who: Who): Promise<Agent | undefined>;
}

const sideOf = (op: Operation) =>
  op.path.startsWith('/admin/api/') ? 'backoffice' : op.path.startsWith('/api/') ? 'storefront' : 'public';
const isSignOut = (op: Operation) => op.method === 'DELETE' && op.path.endsWith('/session');

/** The request a valid client would send: known ids in the path, the required body fields. */
function validBody(op: Operation, ctx: Context, schema: JsonSchema | undefined): Record<string, unknown> | undefined {
  if (!schema) return undefined;
  return Object.fromEntries((schema.required ?? []).map((name) => [name, ctx.valid(op, name)]));
}

function mutationsOf(op: Operation, ctx: Context): fc.Arbitrary<Mutation> {
  const fields = op.fields;
  return fc.oneof(
    ...(fields.length > 0
      ? [
          {
            weight: 6,
            arbitrary: fc
              .constantFrom(...fields)
              .chain((field) => valueFor(ctx.valid(op, field.name)).map((value): Mutation => ({ kind: 'field', field, value }))),
          },
        ]
      : []),
    {
      weight: 1,
      arbitrary: fc.record({
        kind: fc.constant('extra field' as const),
        in: fc.constantFrom(...(op.body ? (['query', 'body'] as const) : (['query'] as const))),
        name: fc.constantFrom('onBehalfOfParticipantId', 'constructor', 'toString', 'x'.repeat(300), 'a.b', 'ids[]', 'id'),
        value: valueFor('x'),
      }),
    },
    { weight: op.method === 'GET' ? 1 : 3, arbitrary: rawBodies.map((b): Mutation => ({ kind: 'raw body', ...b })) },
    ...(op.path.includes('{id}') ? [{ weight: 1, arbitrary: badPathValues.map((value): Mutation => ({ kind: 'path', value })) }] : []),
    { weight: 1, arbitrary: oddQueries.map((query): Mutation => ({ kind: 'query', query })) },
  );
}

interface Built {
  method: string;
  url: string;
  headers: Record<string, string>;
  payload?: string;
  refused: boolean;
}

/** One request: the valid one with `mutation` applied; `refused` says whether it must be refused. */
function build(op: Operation, ctx: Context, mutation: Mutation): Built {
  let pathId = String(ctx.valid(op, 'id'));
  const query: string[] = [];
  const headers: Record<string, string> = {};
  const body = validBody(op, ctx, op.body);
  let payload = body && JSON.stringify(body);
  let refused = false;
  switch (mutation.kind) {
    case 'field': {
      const { field, value } = mutation;
      // in a URL or a header every value is text: the oracle judges the text sent
      const sent = field.in === 'body' ? value : asText(value);
      refused = mustRefuse(field, sent);
      if (field.in === 'path') pathId = encodeForUrl(String(sent));
      else if (field.in === 'query') query.push(...queryPairs(field.name, sent));
      else if (field.in === 'header') headers[field.name] = String(sent);
      else {
        const [name = '', element] = field.name.split('.');
        const patched: Record<string, unknown> = { ...body };
        patched[name] = element === undefined ? value : [value];
        payload = JSON.stringify(patched);
      }
      break;
    }
    case 'extra field':
      if (mutation.in === 'query') query.push(...queryPairs(mutation.name, mutation.value));
      else payload = JSON.stringify({ ...body, [mutation.name]: mutation.value });
      break;
    case 'raw body':
      headers['content-type'] = mutation.contentType;
      payload = mutation.payload;
      refused = mutation.refused === 'parsed' ? op.method !== 'GET' : mutation.refused === 'schema' && op.body !== undefined;
      break;
    case 'path':
      pathId = mutation.value;
      refused = true;
      break;
    case 'query':
      query.push(mutation.query);
      break;
  }
  if (payload !== undefined && !headers['content-type']) headers['content-type'] = 'application/json';
  const url = op.path.replace('{id}', pathId) + (query.length > 0 ? `?${query.join('&')}` : '');
  return { method: op.method, url, headers, ...(payload !== undefined && op.method !== 'GET' ? { payload } : {}), refused };
}

/** A value as URL or header text: a string as it is, an array as one text per element (a repeated query key), anything else as JSON. */
const asText = (value: unknown): string | string[] =>
  Array.isArray(value)
    ? value.map((v) => (typeof v === 'string' ? v : JSON.stringify(v)))
    : typeof value === 'string'
      ? value
      : (JSON.stringify(value) ?? '');

/** Sessions the fuzz itself ended (DELETE /session): the next request of that kind signs in again. */
const signedOut = new Set<Agent>();

const describeRequest = (r: Built, res: LightMyRequestResponse) =>
  `${r.method} ${r.url.slice(0, 200)} ${JSON.stringify(r.headers).slice(0, 200)} ${(r.payload ?? '').slice(0, 200)} -> ${res.statusCode} ${res.body.slice(0, 300)}`;

describeApi(
  'fuzz: every operation of the OpenAPI document',
  (h) => {
    let operations: Operation[] = [];
    let ctx: Context;
    const statuses = new Map<number, number>();
    let started = 0;

    beforeAll(async () => {
      operations = operationsOf((await h().app.inject({ method: 'GET', url: '/api/docs/json' })).json());
      ctx = await makeContext(h);
      started = Date.now();
    });

    /** Sends `runs` generated requests to each operation of one side; fails on the first wrong answer, shrunk. */
    async function fuzzSide(side: ReturnType<typeof sideOf>[], seed: number) {
      const ops = operations.filter((op) => side.includes(sideOf(op)));
      expect(ops.length).toBeGreaterThan(0);
      const runs = Math.ceil(AT_LEAST / operations.length) + 5;
      for (const [i, op] of ops.entries()) {
        const cases = fc.record({
          mutation: mutationsOf(op, ctx),
          who: fc.constantFrom<Who>('usual', 'usual', 'usual', 'usual', 'usual', 'usual', 'other', 'anonymous', 'no csrf'),
        });
        await fc.assert(
          fc.asyncProperty(cases, async ({ mutation, who }) => {
            const request = build(op, ctx, mutation);
            const agent = await ctx.agent(op, who);
            const headers = {
              ...(agent?.cookie ? { cookie: agent.cookie } : {}),
              ...(agent?.csrf && who !== 'no csrf' ? { 'x-csrf-token': agent.csrf } : {}),
            };
            const res = await h().app.inject({
              method: request.method as 'GET',
              url: request.url,
              headers: { ...headers, ...request.headers },
              ...(request.payload !== undefined ? { payload: request.payload } : {}),
            });
            statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
            if (isSignOut(op) && res.statusCode === 204) signedOut.add(agent!);
            const label = describeRequest(request, res);
            expect(res.statusCode, label).toBeLessThan(500);
            if (res.statusCode >= 400) expectErrorShape(res, label);
            if (request.refused) expect(res.statusCode, `must be refused: ${label}`).toBeGreaterThanOrEqual(400);
          }),
          { seed: seed + i, numRuns: runs },
        );
      }
    }

    it('storefront operations', { timeout: 300_000 }, () => fuzzSide(['storefront'], SEED));
    it('back-office operations and the public probes', { timeout: 300_000 }, () => fuzzSide(['backoffice', 'public'], SEED + 100));
    it(`sent at least ${AT_LEAST} requests`, () => {
      const sent = [...statuses.values()].reduce((a, b) => a + b, 0);
      const byStatus = [...statuses].sort(([a], [b]) => a - b).map(([status, n]) => `${status}: ${n}`);
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      console.log(`[fuzz ${kind}] ${sent} requests to ${operations.length} operations in ${seconds} s (${byStatus.join(', ')})`);
      expect(sent).toBeGreaterThanOrEqual(AT_LEAST);
    });
  },
  // the fuzz signs in wrongly on purpose, thousands of times: no lock-out or slow-down in its way
  { env: { PARLEY_SIGNIN_PER_ADDRESS: '1000000', PARLEY_SIGNIN_PER_EMAIL: '1000000', PARLEY_SIGNIN_SLOWDOWN_AFTER: '1000000' } },
);

async function makeContext(h: () => Harness): Promise<Context> {
  const [amanda, marlene, john, charlie] = await Promise.all([h().as('amanda'), h().as('marlene'), h().as('john'), h().as('charlie')]);
  const [amandaId, ruthId, so1001, nancysOrder] = await Promise.all([
    customerUserId(john, 'amanda'),
    customerUserId(john, 'ruth'),
    recordId(john, 'SO-1001'),
    recordId(john, 'SO-1201'),
  ]);
  const newId = async () => (await newConversation(amanda)).conversation.id;
  const [conversation, doomed, doomedToo] = [await newId(), await newId(), await newId()];
  const firstOf = async (path: string) => ok<{ items: { id: number }[] }>(await amanda.get(path)).items[0]!.id;
  const [rfq, quote] = await Promise.all([firstOf('/rfqs'), firstOf('/quotes')]);
  const johnId = ok<{ user: { id: number } }>(await john.get('/session')).user.id;
  const acme = ok<{ items: { id: number }[] }>(await john.get('/customers?q=Acme%20Corporation')).items[0]!.id;
  const spare: Record<'storefront' | 'backoffice', Agent | undefined> = { storefront: undefined, backoffice: undefined };

  const pathIds: [RegExp, number][] = [
    [/^DELETE \/admin\/api\/conversations\/\{id\}$/, doomed],
    [/\/conversations\/\{id\}/, conversation],
    [/\/orders\/\{id\}/, so1001],
    [/\/rfqs\/\{id\}/, rfq],
    [/\/quotes\/\{id\}/, quote],
    [/^DELETE \/admin\/api\/records/, nancysOrder],
    [/\/records\/\{id\}/, so1001],
    [/\/customers\/\{id\}/, acme],
    [/^DELETE \/admin\/api\/customer-users/, ruthId],
    [/\/customer-users\/\{id\}/, amandaId],
  ];
  const named = (op: Operation): Record<string, unknown> => ({
    email: sideOf(op) === 'backoffice' ? 'john@parley.example' : 'amanda@acme.example',
    password: 'parley-demo',
    subject: 'Fuzz',
    name: 'Fuzz',
    message: 'Fuzz',
    body: 'Fuzz',
    recordId: so1001,
    customerUserId: amandaId,
    ownerId: johnId,
    onBehalfOfParticipantId: 1_000_000,
    upToSeq: 1,
    ids: [doomedToo],
    'idempotency-key': 'fuzz',
  });
  return {
    valid(op, name) {
      if (name === 'id') return pathIds.find(([pattern]) => pattern.test(`${op.method} ${op.path}`))?.[1] ?? 1_000_000;
      return named(op)[name.split('.')[0]!] ?? 'x';
    },
    async agent(op, who) {
      const side = sideOf(op);
      if (side === 'public' || who === 'anonymous') return undefined;
      if (isSignOut(op)) {
        // signing out is fuzzed on a session of its own, signed in again once the fuzz has ended it
        let session = spare[side];
        if (!session || signedOut.has(session)) {
          session = spare[side] = await signIn(h().app, side === 'storefront' ? 'amanda' : 'john');
        }
        return session;
      }
      if (side === 'storefront') return who === 'other' ? marlene : amanda;
      return who === 'other' ? charlie : john;
    },
  };
}
