import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { metricsAllowed } from '../src/metrics-access.ts';

const request = (remoteAddress: string, authorization?: string) => ({ socket: { remoteAddress }, headers: authorization ? { authorization } : {} }) as unknown as IncomingMessage;
const TOKEN = 'a-long-enough-metrics-token-123';

describe('who reads the worker’s /metrics (issue 13)', () => {
  it.each([
    ['this machine, no token set', request('127.0.0.1'), undefined, true],
    ['this machine over IPv6', request('::1'), undefined, true],
    ['another machine, no token set', request('10.0.0.8'), undefined, false],
    ['another machine, no token sent', request('10.0.0.8'), TOKEN, false],
    ['another machine, wrong token', request('10.0.0.8', 'Bearer wrong-token-of-some-length-xx'), TOKEN, false],
    ['another machine, the token', request('10.0.0.8', `Bearer ${TOKEN}`), TOKEN, true],
  ] as const)('%s', (_label, req, token, expected) => {
    expect(metricsAllowed(req, token)).toBe(expected);
  });
});
