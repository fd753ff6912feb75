// PostgreSQL's "deadlock detected" and "could not serialize": the transaction was undone and may simply run again.
const RETRYABLE = new Set(['40P01', '40001']);
const ATTEMPTS = 3;

/**
 * Runs a transaction again when PostgreSQL undid it to break a deadlock. Engine transactions lock instances in a fixed
 * order (an instance, then its tasks), but a child instance finishing locks its parent while a recall of the parent
 * cancels the child: rare, resolved by the database, and safe to retry since nothing of the first attempt stayed.
 */
export async function retryDeadlocks<T>(work: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (attempt >= ATTEMPTS || !RETRYABLE.has((error as { code?: string }).code ?? '')) throw error;
    }
  }
}
