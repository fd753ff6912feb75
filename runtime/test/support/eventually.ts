/** Polls until the check passes: a notification (another instance, a cache flush) arrives a moment after its commit. */
export async function eventually(check: () => boolean | Promise<boolean>, ms = 3000): Promise<void> {
  const until = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`still not true after ${ms} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
