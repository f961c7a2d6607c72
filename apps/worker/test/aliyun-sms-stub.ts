import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import { createServer, type Server } from 'node:http';

/**
 * A local stand-in for Aliyun SMS (dysmsapi SendSms, 2017-05-25), checking what Aliyun checks before it accepts a
 * message: the signature (recomputed here from the documented method, written apart from the adapter's code so a
 * shared mistake cannot pass), the timestamp within 15 minutes, a nonce never seen before, the AccessKey, the sign
 * name, the template and its variables, a mainland number. Answers as Aliyun does: `{ Code: 'OK', BizId, … }`, or
 * HTTP 400 with Aliyun's error code. Accepted messages are kept in `sent`.
 */
export interface StubSms {
  outId: string;
  phoneNumbers: string;
  signName: string;
  templateCode: string;
  templateParam: Record<string, string>;
  nonce: string;
}

export interface AliyunSmsStub {
  endpoint: string;
  sent: StubSms[];
  refused: { code: string; body: string }[];
  /** Answers the next request with this error code (e.g. isv.BUSINESS_LIMIT_CONTROL), after checking the signature. */
  failNext(code: string): void;
  close(): Promise<void>;
}

/** RFC 3986 by hand: unreserved bytes kept, every other UTF-8 byte as %XY (upper-case hex). */
function encode(text: string): string {
  let out = '';
  for (const byte of Buffer.from(text, 'utf8')) {
    const c = String.fromCharCode(byte);
    out += /[A-Za-z0-9\-_.~]/.test(c) ? c : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

function expectedSignature(method: string, params: Map<string, string>, secret: string) {
  const names = [...params.keys()].filter((k) => k !== 'Signature').sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const canonical = names.map((k) => `${encode(k)}=${encode(params.get(k)!)}`).join('&');
  return createHmac('sha1', `${secret}&`).update(`${method}&${encode('/')}&${encode(canonical)}`).digest();
}

export async function startAliyunSmsStub(options: { accessKeyId: string; accessKeySecret: string; signName: string; templates: Record<string, string[]>; now?: () => Date }): Promise<AliyunSmsStub> {
  const sent: StubSms[] = [];
  const refused: { code: string; body: string }[] = [];
  const nonces = new Set<string>();
  let failNext: string | null = null;
  const now = options.now ?? (() => new Date());

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const answer = (status: number, json: Record<string, unknown>) => {
        res.writeHead(status, { 'content-type': 'application/json;charset=utf-8' });
        res.end(JSON.stringify({ RequestId: randomUUID().toUpperCase(), ...json }));
      };
      const refuse = (code: string, message: string) => {
        refused.push({ code, body });
        answer(code === 'SignatureDoesNotMatch' || code.startsWith('Missing') || code.startsWith('Invalid') || code === 'SignatureNonceUsed' ? 400 : 200, { Code: code, Message: message });
      };
      const query = new URL(req.url ?? '/', 'http://stub').searchParams;
      const form = req.method === 'POST' ? new URLSearchParams(body) : query;
      const params = new Map<string, string>();
      for (const [k, v] of form) {
        if (params.has(k)) return refuse('InvalidParameter', `duplicate parameter ${k}`);
        params.set(k, v);
      }
      for (const name of ['AccessKeyId', 'Action', 'Format', 'SignatureMethod', 'SignatureNonce', 'SignatureVersion', 'Timestamp', 'Version', 'Signature']) {
        if (!params.get(name)) return refuse(`Missing${name}`, `${name} is mandatory for this action.`);
      }
      if (params.get('AccessKeyId') !== options.accessKeyId) return refuse('InvalidAccessKeyId.NotFound', 'Specified access key is not found.');
      if (params.get('SignatureMethod') !== 'HMAC-SHA1' || params.get('SignatureVersion') !== '1.0') return refuse('InvalidSignatureMethod', 'not supported');
      const given = Buffer.from(params.get('Signature')!, 'base64');
      const expected = expectedSignature(req.method ?? 'GET', params, options.accessKeySecret);
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
        return refuse('SignatureDoesNotMatch', 'Specified signature is not matched with our calculation.');
      }
      const at = Date.parse(params.get('Timestamp')!);
      if (!/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/.test(params.get('Timestamp')!) || Math.abs(now().getTime() - at) > 15 * 60_000) return refuse('InvalidTimeStamp.Expired', 'Specified time stamp or date value is expired.');
      if (nonces.has(params.get('SignatureNonce')!)) return refuse('SignatureNonceUsed', 'Specified signature nonce was used already.');
      nonces.add(params.get('SignatureNonce')!);
      if (params.get('Action') !== 'SendSms' || params.get('Version') !== '2017-05-25') return refuse('InvalidAction.NotFound', 'Specified api is not found.');
      if (failNext) {
        const code = failNext;
        failNext = null;
        return refuse(code, '触发限流');
      }
      if (params.get('SignName') !== options.signName) return refuse('isv.SMS_SIGNATURE_ILLEGAL', '短信签名不合法');
      const variables = options.templates[params.get('TemplateCode') ?? ''];
      if (!variables) return refuse('isv.SMS_TEMPLATE_ILLEGAL', '短信模板不合法');
      let templateParam: Record<string, string>;
      try {
        templateParam = JSON.parse(params.get('TemplateParam') ?? '{}') as Record<string, string>;
      } catch {
        return refuse('isv.INVALID_JSON_PARAM', 'JSON参数不合法');
      }
      if (Object.values(templateParam).some((v) => typeof v !== 'string')) return refuse('isv.INVALID_JSON_PARAM', 'JSON参数不合法，只接受字符串值');
      if (variables.some((v) => !(v in templateParam))) return refuse('isv.TEMPLATE_MISSING_PARAMETERS', '模板缺少变量');
      if (!/^(\+?86)?1[3-9]\d{9}$/.test(params.get('PhoneNumbers') ?? '')) return refuse('isv.MOBILE_NUMBER_ILLEGAL', '非法手机号');
      sent.push({
        outId: params.get('OutId') ?? '',
        phoneNumbers: params.get('PhoneNumbers')!,
        signName: params.get('SignName')!,
        templateCode: params.get('TemplateCode')!,
        templateParam,
        nonce: params.get('SignatureNonce')!,
      });
      answer(200, { Code: 'OK', Message: 'OK', BizId: `${Date.now()}^0` });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    endpoint: `http://127.0.0.1:${port}/`,
    sent,
    refused,
    failNext(code) {
      failNext = code;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
