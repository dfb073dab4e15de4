// The extension's content-script world in a frame, reached through the
// DevTools protocol: what an attacker who broke into the content script
// could at best do, and a place to listen to what it sends the worker.
import { eventually } from './browser.mjs';

/**
 * The isolated world of this extension in `frame` (the loader must have
 * run there). Returns `run(expression)` (awaited, by value), `listen()`
 * (records every message sent to the worker, its answer, and every message
 * the worker sends the frame), `heard()` and `close()`.
 */
export async function contentWorld(page, frame, extensionId) {
  const session = await page.context().newCDPSession(page);
  const contexts = [];
  session.on('Runtime.executionContextCreated', ({ context }) => contexts.push(context));
  await session.send('Runtime.enable');
  const { frameTree } = await session.send('Page.getFrameTree');
  const frameIds = [];
  const walk = (tree) => {
    if (tree.frame.name === frame.name() && tree.frame.url === frame.url()) frameIds.push(tree.frame.id);
    (tree.childFrames || []).forEach(walk);
  };
  walk(frameTree);
  const isolated = await eventually(
    () => contexts.find((c) => frameIds.includes(c.auxData?.frameId) && c.auxData?.type === 'isolated' && c.origin === `chrome-extension://${extensionId}`),
    "the content script's world",
  );
  const run = (expression) =>
    session.send('Runtime.evaluate', { expression, contextId: isolated.id, awaitPromise: true, returnByValue: true }).then((answer) => {
      if (answer.exceptionDetails) throw new Error(answer.exceptionDetails.exception?.description ?? answer.exceptionDetails.text);
      return answer.result.value;
    });
  return {
    run,
    listen: () =>
      run(`(() => {
        if (globalThis.__heard) return true;
        const heard = (globalThis.__heard = []);
        const send = chrome.runtime.sendMessage.bind(chrome.runtime);
        chrome.runtime.sendMessage = (...args) => {
          // The page module sends JSON text; the loader, plain objects.
          const sent = args.find((arg) => typeof arg === 'object' || typeof arg === 'string');
          heard.push({ sent: typeof sent === 'string' ? JSON.parse(sent) : sent });
          const answer = send(...args);
          answer.then((reply) => heard.push({ reply }), () => {});
          return answer;
        };
        chrome.runtime.onMessage.addListener((event) => { heard.push({ event }); });
        return true;
      })()`),
    heard: () => run('JSON.stringify(globalThis.__heard || [])').then(JSON.parse),
    /** Sends the worker `message` as the content script would; its answer. */
    send: (message) => run(`chrome.runtime.sendMessage(${JSON.stringify(message)})`),
    close: () => session.detach().catch(() => {}),
  };
}
