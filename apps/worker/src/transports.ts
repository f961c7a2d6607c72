import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import nodemailer from 'nodemailer';
import type { NotificationChannel } from '@shequ/domain';
import type { MessageTransport } from '@shequ/use-cases';

type Message = Parameters<MessageTransport['send']>[0];
const fileName = (m: Message, ext: string) => `${new Date().toISOString().replace(/[:.]/g, '-')}-${m.id}.${ext}`;

/**
 * Development transports: every message is kept as a file under the mailbox folder (email as .eml, SMS and WeChat
 * as JSON records of what would be sent), and the operator console's mailbox page reads them.
 */
function folderTransport(dir: string, channel: NotificationChannel, from: string): MessageTransport {
  const folder = path.join(dir, channel);
  const eml = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  return {
    async send(m) {
      await mkdir(folder, { recursive: true });
      const name = fileName(m, 'json');
      if (channel === 'email') {
        const info = await eml.sendMail({ from, to: m.recipient, subject: m.subject, text: m.body, messageId: `<${m.id}@shequ.local>` });
        await writeFile(path.join(folder, name.replace(/\.json$/, '.eml')), info.message as Buffer, { flag: 'wx' });
      }
      // A readable record of every message (the mailbox page lists these).
      await writeFile(path.join(folder, name), JSON.stringify({ ...m, at: new Date().toISOString() }, null, 1), { flag: 'wx' });
    },
  };
}

/** SMTP through nodemailer when SMTP_URL is set; otherwise (and for SMS/WeChat, until gateways are configured) the folder. */
export function createTransports(options: { smtpUrl?: string; mailFrom: string; mailboxDir: string }): Record<NotificationChannel, MessageTransport> {
  const smtp = options.smtpUrl ? nodemailer.createTransport(options.smtpUrl) : null;
  return {
    email: smtp
      ? {
          async send(m) {
            await smtp.sendMail({ from: options.mailFrom, to: m.recipient, subject: m.subject, text: m.body });
          },
        }
      : folderTransport(options.mailboxDir, 'email', options.mailFrom),
    sms: folderTransport(options.mailboxDir, 'sms', options.mailFrom),
    wechat: folderTransport(options.mailboxDir, 'wechat', options.mailFrom),
  };
}
