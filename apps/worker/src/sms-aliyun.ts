import { createHmac, randomUUID } from 'node:crypto';
import type { MessageTransport, OutgoingMessage } from '@shequ/use-cases';

/**
 * Aliyun Short Message Service (短信服务, dysmsapi), its documented HTTP API `SendSms` (version 2017-05-25) signed
 * with the SMS signature method (SignatureVersion 1.0, HMAC-SHA1): decision 042. Aliyun sends only approved
 * templates under an approved sign name, so a message is sent as its kind's template (configured) filled with the
 * message's `params`; the outbox id goes as `OutId`, the provider's client reference, which Aliyun keeps with the
 * message and returns in its receipts (decision 027: a repeat delivery carries the same OutId).
 */
export interface AliyunSmsConfig {
  accessKeyId: string;
  accessKeySecret: string;
  /** The approved sign name (短信签名), e.g. 金元社区; shown as 【…】 before the text. */
  signName: string;
  /** Message kind → approved template code, and optionally which of the message's params the template uses. */
  templates: Record<string, AliyunSmsTemplate>;
  /** https://dysmsapi.aliyuncs.com/ in production; a local stub in tests. */
  endpoint: string;
  regionId: string;
  /** Milliseconds before a request counts as failed (the delivery retries with backoff). */
  timeoutMs: number;
}

export interface AliyunSmsTemplate {
  code: string;
  /** The template's variables, in any order; absent: every param of the message is sent. */
  variables: string[] | null;
}

/**
 * Percent-encoding as the signature method defines it (RFC 3986): letters, digits and `-_.~` kept, every other byte
 * of the UTF-8 text as %XY (a space as %20, never +).
 */
export function percentEncode(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** The canonicalised query string: every parameter but `Signature`, sorted by name, `name=value` joined with `&`. */
export function canonicalQuery(params: Record<string, string>): string {
  return Object.keys(params)
    .filter((k) => k !== 'Signature')
    .sort()
    .map((k) => `${percentEncode(k)}=${percentEncode(params[k]!)}`)
    .join('&');
}

/**
 * The request's signature: Base64(HMAC-SHA1(secret + "&", METHOD + "&" + percentEncode("/") + "&" +
 * percentEncode(canonical query))). Input: the HTTP method, all request parameters, the AccessKey secret.
 */
export function aliyunSignature(method: 'GET' | 'POST', params: Record<string, string>, accessKeySecret: string): string {
  const stringToSign = `${method}&${percentEncode('/')}&${percentEncode(canonicalQuery(params))}`;
  return createHmac('sha1', `${accessKeySecret}&`).update(stringToSign, 'utf8').digest('base64');
}

/**
 * Parses `ALIYUN_SMS_TEMPLATES`: `kind=TEMPLATE_CODE[:var,var…]` entries separated by `;`, e.g.
 * `resident_sign_in_code=SMS_465900001:code;password_reset_code=SMS_465900002:code,minutes`. Throws on an entry
 * that is not of that form (read at boot: a wrong configuration stops the worker, not a message).
 */
export function parseAliyunTemplates(text: string): Record<string, AliyunSmsTemplate> {
  const out: Record<string, AliyunSmsTemplate> = {};
  for (const entry of text.split(';').map((e) => e.trim()).filter(Boolean)) {
    const m = /^([a-z][a-z0-9_.]*)=([A-Za-z0-9_]+)(?::([A-Za-z0-9_]+(?:,[A-Za-z0-9_]+)*))?$/.exec(entry);
    if (!m) throw new Error(`ALIYUN_SMS_TEMPLATES: '${entry}' is not kind=TEMPLATE_CODE[:var,var…]`);
    out[m[1]!] = { code: m[2]!, variables: m[3] ? m[3].split(',') : null };
  }
  return out;
}

/** Aliyun's UTC timestamp, to the second: yyyy-MM-ddTHH:mm:ssZ. */
const aliyunTimestamp = (d: Date) => `${d.toISOString().slice(0, 19)}Z`;

/** The template's variables taken from the message; a variable the message lacks is an error (nothing is sent). */
function templateParam(m: OutgoingMessage, template: AliyunSmsTemplate): string {
  if (!m.params) throw new Error(`message ${m.id} (${m.kind}) has no template variables (written before migration 0034)`);
  const names = template.variables ?? Object.keys(m.params);
  const missing = names.filter((n) => !(n in m.params!));
  if (missing.length) throw new Error(`message ${m.id} (${m.kind}) lacks ${missing.join(', ')} for template ${template.code}`);
  return JSON.stringify(Object.fromEntries(names.map((n) => [n, m.params![n]!])));
}

/**
 * The SMS transport through Aliyun: one signed POST of `SendSms` per message (form-encoded body, so the number is
 * not in a URL). Sent when Aliyun answers `Code: OK`; any other answer, an HTTP error or a timeout throws with
 * Aliyun's code (never the number), and the delivery retries with backoff until the row is failed for operators.
 * A kind with no configured template throws too. `clock` and `nonce` are for tests.
 */
export function aliyunSmsTransport(config: AliyunSmsConfig, clock: () => Date = () => new Date(), nonce: () => string = randomUUID): MessageTransport {
  return {
    async send(m) {
      const template = config.templates[m.kind];
      if (!template) throw new Error(`no Aliyun SMS template for kind '${m.kind}' (ALIYUN_SMS_TEMPLATES)`);
      const params: Record<string, string> = {
        AccessKeyId: config.accessKeyId,
        Action: 'SendSms',
        Format: 'JSON',
        OutId: m.id,
        PhoneNumbers: m.recipient,
        RegionId: config.regionId,
        SignName: config.signName,
        SignatureMethod: 'HMAC-SHA1',
        SignatureNonce: nonce(),
        SignatureVersion: '1.0',
        TemplateCode: template.code,
        TemplateParam: templateParam(m, template),
        Timestamp: aliyunTimestamp(clock()),
        Version: '2017-05-25',
      };
      const body = `Signature=${percentEncode(aliyunSignature('POST', params, config.accessKeySecret))}&${canonicalQuery(params)}`;
      const response = await fetch(config.endpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8', accept: 'application/json' },
        body,
        signal: AbortSignal.timeout(config.timeoutMs),
      });
      const text = await response.text();
      let answer: { Code?: string; Message?: string; BizId?: string } = {};
      try {
        answer = JSON.parse(text) as typeof answer;
      } catch {
        throw new Error(`Aliyun SMS answered HTTP ${response.status} without JSON`);
      }
      if (!response.ok || answer.Code !== 'OK') {
        throw new Error(`Aliyun SMS refused message ${m.id}: ${answer.Code ?? `HTTP ${response.status}`} ${String(answer.Message ?? '').slice(0, 200)}`.trim());
      }
    },
  };
}
