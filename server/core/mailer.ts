import fp from 'fastify-plugin';
import nodemailer, { type Transporter } from 'nodemailer';
import type { FastifyInstance } from 'fastify';

export interface Mail {
  to: string;
  subject: string;
  text: string;
  html?: string;
}

export interface Mailer {
  /** True when SMTP_URL is set: features then send instead of showing links to copy. */
  readonly enabled: boolean;
  /** Sends, or logs when no SMTP is configured. Never throws: a mail failure must not lose a write. */
  send(mail: Mail): Promise<boolean>;
}

declare module 'fastify' {
  interface FastifyInstance {
    mailer: Mailer;
  }
}

export default fp(async function mailer(app: FastifyInstance) {
  const { smtpUrl, mailFrom } = app.config;
  const transport: Transporter | null = smtpUrl ? nodemailer.createTransport(smtpUrl) : null;
  app.decorate('mailer', {
    enabled: transport !== null,
    async send(mail: Mail) {
      if (!transport) {
        app.log.info({ to: mail.to, subject: mail.subject }, 'no SMTP_URL: e-mail not sent');
        return false;
      }
      try {
        await transport.sendMail({ from: mailFrom, ...mail });
        return true;
      } catch (err) {
        app.log.error({ err, to: mail.to, subject: mail.subject }, 'e-mail could not be sent');
        return false;
      }
    },
  });
  app.addHook('onClose', async () => transport?.close());
});
