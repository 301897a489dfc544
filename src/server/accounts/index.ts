export { sessionRoutes, type SignInLimits } from './accounts.routes';
export { createRateLimiter } from './rate-limit';
export { hashPassword } from './password';
export { hashToken, resolveSession } from './accounts.service';
