// Replies by email: mail to reply+<token>@PARLEY_MAIL_DOMAIN, through the
// SMTP listener (smtp-listener.ts) or POST /integration/v1/inbound-email,
// lands in the thread as the participant the signed token names, once per
// Message-ID (receive.service.ts); loops and auto-replies are dropped, and
// what cannot be posted is bounced saying why.
export { receiveMail, recordInbound, type InboundSettings } from './receive.service';
export { inboundRoutes } from './inbound.routes';
export { startInboundSmtp, type InboundListener } from './smtp-listener';
export { inboundMigrations } from './inbound.migrations';
