import { expect } from 'vitest';
import type { Page } from 'playwright-core';
import { decodeQrFromPng } from './qr-decode.ts';

// A volunteer shift's check-in QR as the e2e tests read it (volunteers and volunteer-trial-071 repeated it).

/** The address (path and query) the leader's QR code on the shift's page shows now, decoded from the image on the screen. */
export async function readShiftQr(leader: Page, shiftId: string, slug = 'jinyuan'): Promise<string> {
  await leader.goto(`/community/volunteers/shifts/${shiftId}`);
  const img = leader.getByTestId('shift-qr');
  await img.waitFor();
  await leader.waitForFunction(() => {
    const el = document.querySelector('[data-testid="shift-qr"]') as HTMLImageElement | null;
    return Boolean(el && el.complete && el.naturalWidth > 0);
  });
  const text = decodeQrFromPng(await img.screenshot());
  expect(text).toMatch(new RegExp(`/c/${slug}/v/scan\\?shift=[0-9a-f-]{36}&code=`));
  const url = new URL(text!);
  return url.pathname + url.search;
}
