import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { maskMobile, NOTIFICATION_CHANNELS } from '@shequ/domain';
import { env } from '~/lib/env.server.ts';

export type MailboxEntry = { channel: string; file: string; at: string; recipient: string; subject: string; body: string };

/**
 * The development mailbox: what the worker would have sent by email, SMS or WeChat, newest first (operators only).
 * Mobile numbers are shown masked: the files hold them as sent, and some are residents'.
 */
export async function readMailbox(limit = 50): Promise<MailboxEntry[]> {
  const entries: MailboxEntry[] = [];
  for (const channel of NOTIFICATION_CHANNELS) {
    const dir = path.join(env.MAILBOX_DIR, channel);
    const files = (await readdir(dir).catch(() => [] as string[])).filter((f) => f.endsWith('.json')).sort().slice(-limit);
    for (const file of files) {
      try {
        const m = JSON.parse(await readFile(path.join(dir, file), 'utf8')) as Partial<MailboxEntry>;
        const recipient = String(m.recipient ?? '');
        entries.push({ channel, file, at: String(m.at ?? ''), recipient: channel === 'sms' ? maskMobile(recipient) : recipient, subject: String(m.subject ?? ''), body: String(m.body ?? '') });
      } catch {
        // a file being written, or not ours: skip it
      }
    }
  }
  return entries.sort((a, b) => b.at.localeCompare(a.at)).slice(0, limit);
}
