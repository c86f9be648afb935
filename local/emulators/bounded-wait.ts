/**
 * Every wait in the emulators has a limit: a stuck emulator must fail a test or a start quickly, with a
 * message naming what it waited for, never hang it.
 */

export async function pollUntil(
  probe: () => Promise<boolean>,
  options: { what: string; timeoutMs: number; intervalMs: number },
): Promise<void> {
  const deadline = Date.now() + options.timeoutMs;
  for (;;) {
    if (await probe()) return;
    if (Date.now() >= deadline) {
      throw new Error(`Timed out after ${options.timeoutMs} ms waiting for ${options.what}`);
    }
    await delay(Math.min(options.intervalMs, Math.max(0, deadline - Date.now())));
  }
}

export function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
