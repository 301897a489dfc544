// The headers every answer carries (through @fastify/helmet): a strict
// Content-Security-Policy, nothing inline, which the built web apps and the
// API docs load under; who may frame Parley; HSTS only behind HTTPS.
import type { FastifyHelmetOptions } from '@fastify/helmet';

export interface SecurityHeaderSettings {
  /** CSP frame-ancestors sources: ["'none'"] unless a store embeds Parley */
  frameAncestors: string[];
  /** served over HTTPS (PARLEY_SECURE_COOKIES=true): HSTS, and insecure subresource URLs upgraded */
  secure: boolean;
  /** where else images load from: the S3 store of attachments (their larger view follows a presigned redirect) */
  imageOrigins?: string[];
}

export function securityHeaders({ frameAncestors, secure, imageOrigins = [] }: SecurityHeaderSettings): FastifyHelmetOptions {
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
