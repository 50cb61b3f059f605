/**
 * Lets the event loop run what is waiting (requests, timers) before going on. Work on SQLite runs
 * synchronously under its promises, so a long job done in batches calls this between them.
 */
export const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
