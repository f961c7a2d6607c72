import type { ClientActionFunctionArgs, ShouldRevalidateFunction, ShouldRevalidateFunctionArgs } from '@remix-run/react';
import { isNetworkFailure, NETWORK_LOST_EVENT } from '~/components/offline-guard.tsx';

// A form posted while the browser still thinks it is online, whose connection drops before the answer (a lift, a
// basement): the router's request throws, the page was replaced by the network error page and what was typed was lost
// (issue 20, an outside tester on the web visit form). OfflineGuard stops a post only while the browser knows it is
// offline; this covers the post already on its way (decision 070).

/** What a page's action "answers" when its post got no answer at all: the page stays as it was. */
export type NetworkLost = { networkLost: true };

/** Whether an action's answer is a post that got no answer (NetworkLost). */
export function isNetworkLost(answer: unknown): answer is NetworkLost {
  return typeof answer === 'object' && answer !== null && (answer as Partial<NetworkLost>).networkLost === true;
}

/**
 * A route's `clientAction` for a form with typing in it: posts to the server action as usual; when the request fails
 * for want of a network (isNetworkFailure), it answers `{ networkLost: true }` instead of throwing, so the page and
 * its fields stay as they were, and OfflineGuard says there is no network. Any other failure is thrown as before.
 * Pair it with `shouldRevalidate = skipAfterNetworkLoss(...)` on the route (the root and the console layouts have it):
 * reloading the page's data after a lost post would fail the same way and replace the page.
 * Usage: `export const clientAction = keepPageOnNetworkLoss;`
 */
export async function keepPageOnNetworkLoss({ serverAction }: ClientActionFunctionArgs) {
  try {
    return await serverAction();
  } catch (error) {
    if (!isNetworkFailure(error)) throw error;
    window.dispatchEvent(new CustomEvent(NETWORK_LOST_EVENT));
    return { networkLost: true } satisfies NetworkLost;
  }
}

/**
 * A route's `shouldRevalidate` that reloads nothing after a post that got no answer (NetworkLost), and otherwise does
 * what `then` (or Remix's default) would.
 */
export function skipAfterNetworkLoss(then?: ShouldRevalidateFunction): ShouldRevalidateFunction {
  return (args: ShouldRevalidateFunctionArgs) => (isNetworkLost(args.actionResult) ? false : then ? then(args) : args.defaultShouldRevalidate);
}
