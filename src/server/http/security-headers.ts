// The headers every answer carries (helmet's): a strict
// Content-Security-Policy, nothing inline, which the built web apps and the
// API docs load under; who may frame Parley; HSTS only behind HTTPS. helmet's
// middleware is made once: @fastify/helmet made it anew for every request
// (parsing the policy each time, about 5 % of the post path's main thread).
import type { FastifyInstance } from 'fastify';
import helmet, { type HelmetOptions } from 'helmet';

export interface SecurityHeaderSettings {
  /** CSP frame-ancestors sources: ["'none'"] unless a store embeds Parley */
  frameAncestors: string[];
  /** served over HTTPS (PARLEY_SECURE_COOKIES=true): HSTS, and insecure subresource URLs upgraded */
  secure: boolean;
  /** where else images load from: the S3 store of attachments (their larger view follows a presigned redirect) */
  imageOrigins?: string[];
}

function securityHeaders({ frameAncestors, secure, imageOrigins = [] }: SecurityHeaderSettings): HelmetOptions {
  const framedByNobody = frameAncestors.length === 1 && frameAncestors[0] === "'none'";
  return {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        baseUri: ["'self'"],
        // fetch and the live WebSocket go to this origin only ('self' covers ws: and wss: here)
        connectSrc: ["'self'"],
        fontSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors,
        // the API docs' icons are data: URLs
        imgSrc: ["'self'", 'data:', ...imageOrigins],
        objectSrc: ["'none'"],
        scriptSrc: ["'self'"],
        scriptSrcAttr: ["'none'"],
        styleSrc: ["'self'"],
        ...(secure ? { upgradeInsecureRequests: [] } : {}),
      },
    },
    // X-Frame-Options cannot name origins: it says DENY when nobody may frame, and is left out when the CSP lists who may
    xFrameOptions: framedByNobody ? { action: 'deny' } : false,
    strictTransportSecurity: secure ? { maxAge: 365 * 86_400, includeSubDomains: true } : false,
    referrerPolicy: { policy: 'no-referrer' },
    xContentTypeOptions: true,
  };
}

/** Sets the headers on every answer, from the first hook on (errors and 404s included). */
export function addSecurityHeaders(app: FastifyInstance, settings: SecurityHeaderSettings) {
  const apply = helmet(securityHeaders(settings));
  app.addHook('onRequest', (request, reply, done) => apply(request.raw, reply.raw, (error) => done(error as Error | undefined)));
}
