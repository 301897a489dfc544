import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { InviteStaffBody, PasswordLink, StaffUser, StaffWithLink, UpdateStaffBody } from '../../shared/accounts';
import { ErrorBody, IdParams } from '../../shared/api';
import { backofficeCtx } from '../http/request';
import type { Runtime } from '../kernel/context';
import type { LinkMailer } from './password-mail';
import { announceEnded } from './passwords.routes';
import * as staff from './staff.service';

const tags = ['Back-office: users'];
const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };

/** Back-office, Administrators only: Settings > Users. */
export function staffRoutes(runtime: Runtime, mailer: LinkMailer) {
  return async (base: FastifyInstance) => {
    const app = base.withTypeProvider<ZodTypeProvider>();
    app.get(
      '/staff',
      {
        schema: {
          tags,
          summary: 'Back-office users, deactivated ones too',
          response: { 200: z.object({ items: z.array(StaffUser) }), ...errors },
        },
      },
      async (request) => ({ items: await staff.listStaffUsers(backofficeCtx(runtime, request)) }),
    );
    app.post(
      '/staff',
      {
        schema: {
          tags,
          summary: 'Invite a back-office user: their set-password link (valid 7 days) is mailed, and answered while no SMTP server is set',
          body: InviteStaffBody,
          response: { 201: StaffWithLink, ...errors },
        },
      },
      async (request, reply) => reply.status(201).send(await staff.inviteStaff(backofficeCtx(runtime, request), request.body, mailer)),
    );
    app.patch(
      '/staff/:id',
      {
        schema: {
          tags,
          summary: 'Change a user’s role, or deactivate (their sessions and live sockets end at once) or reactivate them',
          params: IdParams,
          body: UpdateStaffBody,
          response: { 200: StaffUser, ...errors },
        },
      },
      async (request) => {
        const { user, ended } = await staff.updateStaffUser(backofficeCtx(runtime, request), request.params.id, request.body);
        announceEnded(runtime, ended);
        return user;
      },
    );
    app.post(
      '/staff/:id/password-reset',
      {
        schema: {
          tags,
          summary: 'Mail the user a password reset link (valid 2 hours); answered too while no SMTP server is set',
          params: IdParams,
          response: { 201: PasswordLink, ...errors },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await staff.sendStaffReset(backofficeCtx(runtime, request), request.params.id, mailer)),
    );
  };
}
