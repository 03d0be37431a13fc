/**
 * The extension APIs the content script uses, without webextension-polyfill: its 22 KB (before
 * minification) and its start-up work would be paid on every page. Every call made
 * here is promise-based natively in both browsers (Chrome MV3's `chrome`, Firefox's `browser`);
 * the one difference that matters, replying to a message, is handled by `onMessage` below.
 * The types are the polyfill's, which describe both.
 */
import type Browser from 'webextension-polyfill';

type Api = typeof Browser;
const scope = globalThis as unknown as { browser?: Api; chrome?: Api };

export const ext: Api = (scope.browser ?? scope.chrome) as Api;

type Reply = (message: unknown, sender: Browser.Runtime.MessageSender) => Promise<unknown> | undefined;

/**
 * Listens for messages and answers with what `reply` resolves to. Chrome's native listeners
 * cannot return a promise, so the answer goes through `sendResponse`, which Firefox supports too.
 * Returns the function that stops listening.
 */
export function onMessage(reply: Reply): () => void {
  const listener = ((message: unknown, sender: Browser.Runtime.MessageSender, sendResponse: (r: unknown) => void) => {
    const answer = reply(message, sender);
    if (!answer) return undefined;
    answer.then(sendResponse, () => sendResponse(undefined));
    return true as const;
  }) as unknown as Browser.Runtime.OnMessageListenerCallback; // undefined: "not answering this one"
  ext.runtime.onMessage.addListener(listener);
  return () => ext.runtime.onMessage.removeListener(listener);
}
