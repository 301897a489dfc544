// Saved replies: texts a back-office user inserts into the composer, personal
// or shared (Administrators manage the shared ones), with variables of the
// conversation filled in when inserted.
import { z } from 'zod';
import { BLANK, requiredText, text, tooLongMessage, wholeNumber } from './input';

export const REPLY_TITLE_MAX = 100;
export const REPLY_BODY_MAX = 5000;

/** Every variable a saved reply may hold, as `{{customer.name}}`. */
export const REPLY_VARIABLES = ['customer.name', 'customerUser.firstName', 'record.number', 'record.status', 'me.firstName'] as const;
export type ReplyVariable = (typeof REPLY_VARIABLES)[number];

const VARIABLE = /\{\{\s*([^{}]*?)\s*\}\}/g;
const isVariable = (name: string): name is ReplyVariable => (REPLY_VARIABLES as readonly string[]).includes(name);

/** The variables a body names that are not in REPLY_VARIABLES, each once. */
export function unknownVariables(body: string): string[] {
  return [...new Set([...body.matchAll(VARIABLE)].map((m) => m[1]!).filter((name) => !isVariable(name)))];
}

/**
 * The body with each variable replaced by its value. A variable without a
 * value here (a conversation without a record has no record.number) stays as
 * written, `{{record.number}}`, for the writer to fill in, and is named in
 * `unfilled`.
 */
export function fillVariables(body: string, values: Partial<Record<ReplyVariable, string | null>>) {
  const unfilled = new Set<string>();
  const filled = body.replace(VARIABLE, (whole, name: string) => {
    const value = isVariable(name) ? values[name] : undefined;
    if (value === undefined || value === null || value === '') {
      unfilled.add(name);
      return whole;
    }
    return value;
  });
  return { body: filled, unfilled: [...unfilled] };
}

const unknownVariablesMessage = (names: string[]) =>
  `Unknown variable ${names.map((n) => `{{${n}}}`).join(', ')}. Use ${REPLY_VARIABLES.map((v) => `{{${v}}}`).join(', ')}.`;

const ReplyText = text({ error: BLANK })
  .trim()
  .min(1, BLANK)
  .max(REPLY_BODY_MAX, tooLongMessage(REPLY_BODY_MAX))
  .superRefine((body, ctx) => {
    const unknown = unknownVariables(body);
    if (unknown.length) ctx.addIssue({ code: 'custom', message: unknownVariablesMessage(unknown) });
  });

export const SavedReplyBody = z.object({
  title: requiredText(REPLY_TITLE_MAX),
  body: ReplyText,
  /** for every back-office user (Administrators only); otherwise for me alone */
  shared: z.boolean({ error: 'Use true or false.' }).default(false),
});
export type SavedReplyBody = z.input<typeof SavedReplyBody>;

export const UpdateSavedReplyBody = z.object({
  title: requiredText(REPLY_TITLE_MAX).optional(),
  body: ReplyText.optional(),
  shared: z.boolean({ error: 'Use true or false.' }).optional(),
});
export type UpdateSavedReplyBody = z.input<typeof UpdateSavedReplyBody>;

export const SavedReply = z.object({
  id: z.number(),
  title: z.string(),
  body: z.string(),
  shared: z.boolean(),
  /** who keeps a personal reply, or who last changed a shared one */
  owner: z.object({ id: z.number(), name: z.string() }),
  /** whether I may change or delete it: my own personal ones; shared ones if I am an Administrator */
  mayEdit: z.boolean(),
  updatedAt: z.string(),
});
export type SavedReply = z.infer<typeof SavedReply>;

export const SavedRepliesQuery = z.object({ q: text().max(REPLY_TITLE_MAX).optional() });
export const FillReplyQuery = z.object({ conversationId: wholeNumber(1) });

/** A saved reply ready to insert: its body with the conversation's values, and the variables left to fill in. */
export const FilledReply = z.object({ body: z.string(), unfilled: z.array(z.string()) });
export type FilledReply = z.infer<typeof FilledReply>;
