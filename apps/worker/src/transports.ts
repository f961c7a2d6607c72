import { mkdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import nodemailer from 'nodemailer';
import type { NotificationChannel } from '@shequ/domain';
import type { MessageTransport } from '@shequ/use-cases';
import { type AliyunSmsConfig, aliyunSmsTransport } from './sms-aliyun.ts';

/**
 * A message's idempotency key as its email Message-ID (decision 027): a mail server or client that sees the same
 * id twice knows it is one message.
 */
export const messageId = (id: string) => `<${id}@shequ.local>`;

/** Writes a file whole or not at all: written beside, then renamed over (a repeat replaces the earlier copy). */
async function replaceFile(file: string, data: string | Buffer) {
  const temp = `${file}.${process.pid}.${Date.now()}.tmp`;
  await writeFile(temp, data);
  await rename(temp, file);
}

/**
 * Development transports: every message is kept as a file under the mailbox folder (email as .eml, SMS and WeChat
 * as JSON records of what would be sent), and the operator console's mailbox page reads them. One file per outbox
 * id (ids are time-ordered UUIDv7, so names sort by age): a repeated delivery replaces its file, as a provider
 * given the same client reference keeps one message.
 */
function folderTransport(dir: string, channel: NotificationChannel, from: string): MessageTransport {
  const folder = path.join(dir, channel);
  const eml = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  return {
    async send(m) {
      await mkdir(folder, { recursive: true });
      if (channel === 'email') {
        const info = await eml.sendMail({ from, to: m.recipient, subject: m.subject, text: m.body, messageId: messageId(m.id) });
        await replaceFile(path.join(folder, `${m.id}.eml`), info.message as Buffer);
      }
      // A readable record of every message (the mailbox page lists these); clientReference is what an SMS or
      // WeChat gateway would be given.
      await replaceFile(path.join(folder, `${m.id}.json`), JSON.stringify({ ...m, clientReference: m.id, at: new Date().toISOString() }, null, 1));
    },
  };
}

/**
 * SMTP through nodemailer when SMTP_URL is set, else the folder; text messages through Aliyun SMS when `aliyunSms`
 * is given (SMS_PROVIDER=aliyun), else the folder; WeChat the folder until its gateway is configured.
 */
export function createTransports(options: { smtpUrl?: string; mailFrom: string; mailboxDir: string; aliyunSms?: AliyunSmsConfig | null }): Record<NotificationChannel, MessageTransport> {
  const smtp = options.smtpUrl ? nodemailer.createTransport(options.smtpUrl) : null;
  return {
    email: smtp
      ? {
          async send(m) {
            await smtp.sendMail({ from: options.mailFrom, to: m.recipient, subject: m.subject, text: m.body, messageId: messageId(m.id) });
          },
        }
      : folderTransport(options.mailboxDir, 'email', options.mailFrom),
    sms: options.aliyunSms ? aliyunSmsTransport(options.aliyunSms) : folderTransport(options.mailboxDir, 'sms', options.mailFrom),
    wechat: folderTransport(options.mailboxDir, 'wechat', options.mailFrom),
  };
}
