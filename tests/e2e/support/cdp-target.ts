/**
 * Chromium's real action popup is a page target that Playwright does not attach to, so the
 * tests reach it through the browser's own CDP session (non-flattened target messages):
 * enough to evaluate code in it and take a screenshot.
 */
import { writeFileSync } from 'node:fs';
import type { CDPSession } from 'playwright-core';
import type { TestPage } from './harness';

interface TargetInfo {
  targetId: string;
  type: string;
  url: string;
}

export async function waitForTarget(
  cdp: CDPSession,
  match: (t: TargetInfo) => boolean,
  ms = 10_000,
): Promise<TargetInfo> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    const { targetInfos } = (await cdp.send('Target.getTargets')) as { targetInfos: TargetInfo[] };
    const found = targetInfos.find(match);
    if (found) return found;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const { targetInfos } = (await cdp.send('Target.getTargets')) as { targetInfos: TargetInfo[] };
  throw new Error(`The popup did not open; targets: ${targetInfos.map((t) => `${t.type} ${t.url}`).join(', ')}`);
}

export async function attachTarget(cdp: CDPSession, target: TargetInfo): Promise<TestPage> {
  const { sessionId } = (await cdp.send('Target.attachToTarget', { targetId: target.targetId, flatten: false })) as {
    sessionId: string;
  };
  let nextId = 1;
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  cdp.on('Target.receivedMessageFromTarget', (event: { sessionId: string; message: string }) => {
    if (event.sessionId !== sessionId) return;
    const message = JSON.parse(event.message) as { id?: number; result?: unknown; error?: { message: string } };
    const waiter = message.id === undefined ? undefined : pending.get(message.id);
    if (!waiter) return;
    pending.delete(message.id as number);
    if (message.error) waiter.reject(new Error(message.error.message));
    else waiter.resolve(message.result);
  });
  const send = (method: string, params: object = {}) =>
    new Promise<unknown>((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve, reject });
      void cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method, params }) });
    });

  return {
    url: target.url,
    async evaluate(fn, arg) {
      const expression = `(${fn.toString()})(${JSON.stringify(arg ?? null)})`;
      const reply = (await send('Runtime.evaluate', { expression, awaitPromise: true, returnByValue: true })) as {
        result: { value: unknown };
        exceptionDetails?: { text: string; exception?: { description?: string } };
      };
      if (reply.exceptionDetails) {
        throw new Error(reply.exceptionDetails.exception?.description ?? reply.exceptionDetails.text);
      }
      return reply.result.value as never;
    },
    goto: async (url) => {
      await send('Page.navigate', { url });
    },
    bringToFront: async () => undefined,
    mouseMove: async (x, y) => {
      await send('Input.dispatchMouseEvent', { type: 'mouseMoved', x, y });
    },
    click: async (x, y) => {
      for (const type of ['mousePressed', 'mouseReleased']) {
        await send('Input.dispatchMouseEvent', { type, x, y, button: 'left', clickCount: 1 });
      }
    },
    addScript: async (source) => {
      await send('Runtime.evaluate', { expression: source });
    },
    colorScheme: async (scheme) => {
      await send('Emulation.setEmulatedMedia', { features: [{ name: 'prefers-color-scheme', value: scheme }] });
    },
    inClosedRoot: async () => {
      throw new Error('The popup has no closed shadow roots to read');
    },
    press: async (key) => {
      for (const type of ['keyDown', 'keyUp']) await send('Input.dispatchKeyEvent', { type, key });
    },
    async screenshot(path) {
      // What the reader sees: the popup window itself (Chrome caps it at 800 × 600).
      const { data } = (await send('Page.captureScreenshot', { format: 'png' })) as {
        data: string;
      };
      writeFileSync(path, Buffer.from(data, 'base64'));
    },
    close: async () => {
      await cdp.send('Target.closeTarget', { targetId: target.targetId }).catch(() => undefined);
    },
  };
}
