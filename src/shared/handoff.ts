// The store's sign-in handoff: how an Administrator sets it up (Settings >
// Integrations) and what the storefront's sign-in page needs to know of it.
import { z } from 'zod';
import { text } from './input';

export const HandoffMethod = z.enum(['off', 'hs256', 'jwks']);
export type HandoffMethod = z.infer<typeof HandoffMethod>;

const HttpUrl = z
  .url({ protocol: /^https?$/, error: 'Use an http(s) URL.' })
  .max(2000)
  .refine((v) => !/[\s]/.test(v), 'Use an http(s) URL.');

export const HandoffSettings = z.object({
  method: HandoffMethod,
  /** what the token's `aud` must be */
  audience: z.string(),
  /** RS256 / ES256: where the store publishes its public keys */
  jwksUrl: z.string().nullable(),
  /** HS256: whether a shared secret is set, and its first characters to recognise it */
  secretPrefix: z.string().nullable(),
  /** the store's own sign-in page, linked from Parley's storefront sign-in page */
  storeUrl: z.string().nullable(),
  /** PARLEY_STOREFRONT_SIGNIN: which sign-ins the storefront offers */
  signIn: z.enum(['password', 'handoff', 'both']),
  updatedAt: z.string().nullable(),
});
export type HandoffSettings = z.infer<typeof HandoffSettings>;

export const HandoffSettingsBody = z
  .object({
    method: HandoffMethod,
    audience: text()
      .trim()
      .min(1, 'This value should not be blank.')
      .max(255, 'This value is too long. It should have 255 characters or less.'),
    jwksUrl: HttpUrl.nullable().optional(),
    storeUrl: HttpUrl.nullable().optional(),
  })
  .refine((b) => b.method !== 'jwks' || !!b.jwksUrl, { path: ['jwksUrl'], message: 'Give the URL of the store’s JWKS.' })
  .meta({ examples: [{ method: 'hs256', audience: 'parley', jwksUrl: null, storeUrl: 'https://shop.example.com/login' }] });
export type HandoffSettingsBody = z.infer<typeof HandoffSettingsBody>;

/** Paste the store's secret, or leave it out to have Parley make one (answered once). */
export const HandoffSecretBody = z.object({
  secret: text().min(32, 'Use at least 32 characters.').max(512, 'Use at most 512 characters.').optional(),
});
export const HandoffSecret = z.object({ secret: z.string(), settings: HandoffSettings });

/** What the storefront's sign-in page offers (public). */
export const SignInOptions = z.object({
  password: z.boolean(),
  handoff: z.boolean(),
  storeUrl: z.string().nullable(),
});
export type SignInOptions = z.infer<typeof SignInOptions>;

/** The claims Parley reads from a handoff token besides exp, iat, aud and jti; the profile ones are optional. */
export const HandoffClaims = z.object({
  sub: z.string().min(1).max(255),
  jti: z.string().min(1).max(255),
  email: z.email().max(255).optional(),
  given_name: z.string().trim().min(1).max(100).optional(),
  family_name: z.string().trim().min(1).max(100).optional(),
  /** the customer's externalId */
  customer: z.string().min(1).max(255).optional(),
  role: z.enum(['buyer', 'administrator']).optional(),
});
export type HandoffClaims = z.infer<typeof HandoffClaims>;
