// The store's sign-in handoff: the store signs a short-lived JWT naming its
// customer user (HS256 with a shared secret, or RS256 / ES256 against its
// JWKS); Parley checks it with jose, uses its jti once, upserts the profile it
// may carry, and the routes open a storefront session.
import crypto from 'node:crypto';
import { createRemoteJWKSet, errors as joseErrors, jwtVerify, type JWTPayload, type JWTVerifyOptions } from 'jose';
import { HandoffClaims, type HandoffSettings, type HandoffSettingsBody } from '../../shared/handoff';
import type { BackofficeUserActor } from '../kernel/actor';
import { now } from '../kernel/clock';
import { defineCommand, type Ctx } from '../kernel/context';
import { AppError } from '../kernel/errors';
import { customerUserOf, findCustomerUser, upsertCustomerUser } from '../people';
import * as repo from './handoff.repo';
import type { HandoffSettingsTable } from './handoff.table';
import { mustBeAdministrator } from './tokens.service';

/** a handoff token may live (exp - iat) at most this long */
export const MAX_LIFETIME_S = 300;
/** the `aud` a token must carry until an Administrator names another */
export const DEFAULT_AUDIENCE = 'parley';

export type StorefrontSignIn = HandoffSettings['signIn'];

type SettingsRow = Omit<HandoffSettingsTable, 'id'>;
const unset: SettingsRow = { method: 'off', audience: DEFAULT_AUDIENCE, jwks_url: null, secret: null, store_url: null, updated_at: null };

export const handoffSettingsOf = async (ctx: Ctx): Promise<SettingsRow> => (await repo.findHandoffSettings(ctx.db)) ?? unset;

export const presentSettings = (row: SettingsRow, signIn: StorefrontSignIn): HandoffSettings => ({
  method: row.method,
  audience: row.audience,
  jwksUrl: row.jwks_url,
  secretPrefix: row.secret === null ? null : `${row.secret.slice(0, 6)}…`,
  storeUrl: row.store_url,
  signIn,
  updatedAt: row.updated_at,
});

const save = defineCommand<{ values: SettingsRow }, void, BackofficeUserActor>('integration.saveHandoff', (ctx, { values }) =>
  repo.saveHandoffSettings(ctx.db, values),
);

export async function saveHandoff(ctx: Ctx<BackofficeUserActor>, input: HandoffSettingsBody): Promise<SettingsRow> {
  mustBeAdministrator(ctx);
  const current = await handoffSettingsOf(ctx);
  const values: SettingsRow = {
    ...current,
    method: input.method,
    audience: input.audience,
    jwks_url: input.jwksUrl ?? null,
    store_url: input.storeUrl ?? null,
    updated_at: now(),
  };
  await ctx.write(save, { values });
  return values;
}

/** Sets HS256's shared secret: the one pasted, or a new random one; answered once, shown afterwards only by its first characters. */
export async function setHandoffSecret(ctx: Ctx<BackofficeUserActor>, pasted: string | undefined) {
  mustBeAdministrator(ctx);
  const secret = pasted ?? `hs_${crypto.randomBytes(32).toString('base64url')}`;
  const values: SettingsRow = { ...(await handoffSettingsOf(ctx)), secret, updated_at: now() };
  await ctx.write(save, { values });
  return { secret, values };
}

const refused = (message: string) => new AppError('HANDOFF_INVALID', message);

/** Why jose refused a token, in words for the store's developer. */
function refusalOf(error: unknown, settings: SettingsRow): AppError {
  if (error instanceof joseErrors.JWTExpired)
    return new AppError('HANDOFF_EXPIRED', 'The sign-in link has expired. Go back to the store and try again.');
  if (error instanceof joseErrors.JWTClaimValidationFailed) {
    if (error.claim === 'aud') return refused(`The token is for another audience: aud must be "${settings.audience}".`);
    return refused(`The token's ${error.claim} claim is missing or wrong.`);
  }
  if (error instanceof joseErrors.JWSSignatureVerificationFailed) return refused('The token’s signature does not match.');
  if (error instanceof joseErrors.JWKSNoMatchingKey) return refused('No key of the store’s JWKS matches the token.');
  if (error instanceof joseErrors.JOSEAlgNotAllowed) return refused('The token is signed with an algorithm this setup does not accept.');
  if (error instanceof joseErrors.JWKSTimeout || error instanceof joseErrors.JWKSInvalid)
    return refused('The store’s JWKS could not be read.');
  if (error instanceof joseErrors.JOSEError) return refused('The token is not a valid signed JWT.');
  return refused('The store’s JWKS could not be read.');
}

export interface JwksCache {
  /** how long a fetched JWKS is trusted, and how long after a fetch an unknown kid may not fetch it again (jose's cacheMaxAge, cooldownDuration) */
  maxAgeMs: number;
  cooldownMs: number;
  sets: Map<string, ReturnType<typeof createRemoteJWKSet>>;
}

export const newJwksCache = (maxAgeMs = 10 * 60_000, cooldownMs = 30_000): JwksCache => ({ maxAgeMs, cooldownMs, sets: new Map() });

function keySetOf(cache: JwksCache, url: string) {
  let set = cache.sets.get(url);
  if (!set) {
    set = createRemoteJWKSet(new URL(url), { cacheMaxAge: cache.maxAgeMs, cooldownDuration: cache.cooldownMs, timeoutDuration: 5_000 });
    cache.sets.set(url, set);
  }
  return set;
}

/** The checked claims of a handoff token, or the refusal: signature, algorithm, audience, exp and iat, a lifetime of at most 5 minutes. */
export async function verifyHandoff(settings: SettingsRow, token: string, jwks: JwksCache): Promise<HandoffClaims & { exp: number }> {
  const options: JWTVerifyOptions = { audience: settings.audience, requiredClaims: ['exp', 'iat', 'jti', 'sub'], clockTolerance: 5 };
  let payload: JWTPayload;
  try {
    if (settings.method === 'hs256' && settings.secret !== null) {
      ({ payload } = await jwtVerify(token, new TextEncoder().encode(settings.secret), { ...options, algorithms: ['HS256'] }));
    } else if (settings.method === 'jwks' && settings.jwks_url !== null) {
      ({ payload } = await jwtVerify(token, keySetOf(jwks, settings.jwks_url), { ...options, algorithms: ['RS256', 'ES256'] }));
    } else {
      throw new AppError('HANDOFF_DISABLED', 'Signing in from the store is not set up.');
    }
  } catch (error) {
    throw error instanceof AppError ? error : refusalOf(error, settings);
  }
  const { exp = 0, iat = 0 } = payload;
  if (exp - iat > MAX_LIFETIME_S) throw refused(`The token lives longer than ${MAX_LIFETIME_S} seconds (exp - iat).`);
  if (iat > Date.now() / 1000 + 60) throw refused('The token was issued in the future (iat).');
  const claims = HandoffClaims.safeParse(payload);
  if (!claims.success) throw refused(`The token's ${claims.error.issues[0]?.path.join('.') ?? ''} claim is not valid.`);
  return { ...claims.data, exp };
}

const unknownUser = () =>
  new AppError('HANDOFF_UNKNOWN_USER', 'Parley does not know this customer user yet, and the token carries no profile to create them.');

/**
 * Uses the token's jti (a second use is refused) and answers the customer
 * user it names, upserting them first when it carries their profile (email,
 * given_name, family_name, customer). One transaction: a refusal uses nothing.
 */
const admit = defineCommand(
  'integration.admitHandoff',
  async (ctx, { claims, expiresAt }: { claims: HandoffClaims; expiresAt: string }) => {
    if (!(await repo.useJti(ctx.db, claims.jti, expiresAt, now()))) {
      throw new AppError('HANDOFF_REPLAYED', 'This sign-in link was used already. Go back to the store and try again.');
    }
    const known = await customerUserOf(ctx.db, claims.sub);
    const { email, given_name: firstName, family_name: lastName, customer } = claims;
    if (email === undefined || firstName === undefined || lastName === undefined || customer === undefined) {
      if (!known) throw unknownUser();
      return known.id;
    }
    const role = claims.role ?? (known && (await findCustomerUser(ctx.db, known.id))?.role) ?? 'buyer';
    const upserted = await upsertCustomerUser(ctx, claims.sub, { email, firstName, lastName, role, customerExternalId: customer });
    return upserted.id;
  },
);

/** The customer user a verified token signs in. */
export const admitHandoff = (ctx: Ctx, claims: HandoffClaims & { exp: number }) =>
  ctx.write(admit, { claims, expiresAt: new Date((claims.exp + 60) * 1000).toISOString() });

/**
 * Where to go after the handoff: a path of the storefront, or "/". An
 * absolute URL counts only on Parley's own host; "//host", "/\host", other
 * hosts and the back-office or API paths fall back to "/".
 */
export function storefrontReturn(raw: string | undefined, host: string | undefined): string {
  if (!raw) return '/';
  let url: URL;
  try {
    url = new URL(raw, 'http://parley.invalid');
  } catch {
    return '/';
  }
  const relative = url.host === 'parley.invalid' && /^\/(?![/\\])/.test(raw);
  const sameHost = /^https?:\/\//i.test(raw) && host !== undefined && url.host === host.toLowerCase();
  if (!relative && !sameHost) return '/';
  const path = url.pathname + url.search + url.hash;
  if (/^\/(admin|api|integration|sso)(\/|$)/.test(url.pathname) || /^\/[/\\]/.test(path)) return '/';
  return path;
}

export const handoffCommands = [save, admit];
