import './webhooks.css';
import type { ReactNode } from 'react';
import { matchRoute } from '../router';
import { WebhookFormPage } from './WebhookForm';
import { WebhookPage } from './WebhookPage';
import { WebhooksPage } from './WebhooksPage';
import { webhooksPath } from './webhooksApi';

/** The page of a Settings > Webhooks path, or null when the path is not one of them. */
export function webhookRoute(pathname: string): ReactNode {
  let m: Record<string, string> | null;
  if (pathname === webhooksPath) return <WebhooksPage />;
  if (pathname === `${webhooksPath}/new`) return <WebhookFormPage />;
  if ((m = matchRoute(`${webhooksPath}/:id/edit`, pathname))) return <WebhookFormPage key={m.id} id={Number(m.id)} />;
  if ((m = matchRoute(`${webhooksPath}/:id`, pathname))) return <WebhookPage key={m.id} id={Number(m.id)} />;
  return null;
}
