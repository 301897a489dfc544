// Accounts: staff (Settings > Users), set-password and reset links, one's own
// password, and signing out everywhere.
import { z } from 'zod';
import { BLANK, requiredText, text } from './input';

export const BackofficeRole = z.enum(['sales_manager', 'administrator']);

const NEW_PASSWORD = 'Use at least 10 characters.';
export const NewPassword = text({ error: BLANK }).min(1, BLANK).min(10, NEW_PASSWORD).max(1024);
const Email = text({ error: BLANK }).trim().min(1, BLANK).max(255).pipe(z.email('Use an email address.'));

export const StaffUser = z.object({
  id: z.number(),
  email: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  name: z.string(),
  role: BackofficeRole,
  active: z.boolean(),
  /** invited and not yet set a password */
  invited: z.boolean(),
  /** made by the store's sync API (its externalId), if so */
  externalId: z.string().nullable(),
  createdAt: z.string(),
});
export type StaffUser = z.infer<typeof StaffUser>;

/**
 * A set-password or reset link, mailed to its user. While no SMTP server is
 * set, `delivered` is false (the mail waits in the outbox) and `url` is
 * answered for the Administrator to pass on; once mail leaves, it is not.
 */
export const PasswordLink = z.object({ url: z.string().optional(), expiresAt: z.string(), delivered: z.boolean() });
export type PasswordLink = z.infer<typeof PasswordLink>;

export const InviteStaffBody = z
  .object({ email: Email, firstName: requiredText(100), lastName: requiredText(100), role: BackofficeRole })
  .meta({ examples: [{ email: 'sam@parley.example', firstName: 'Sam', lastName: 'Jones', role: 'sales_manager' }] });
export type InviteStaffBody = z.infer<typeof InviteStaffBody>;

export const StaffWithLink = z.object({ user: StaffUser, link: PasswordLink });

export const UpdateStaffBody = z.object({ role: BackofficeRole.optional(), active: z.boolean().optional() });
export type UpdateStaffBody = z.infer<typeof UpdateStaffBody>;

export const ForgotPasswordBody = z.object({ email: Email });
/** `delivered` false: no SMTP server is set; the mail waits in the back-office outbox */
export const ForgotPasswordAnswer = z.object({ delivered: z.boolean() });

export const ResetPasswordBody = z.object({ token: text().min(1, BLANK).max(200), password: NewPassword });
export const ChangePasswordBody = z.object({ currentPassword: text({ error: BLANK }).min(1, BLANK).max(1024), newPassword: NewPassword });
