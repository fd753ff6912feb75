import type { DeliveryConfig } from './config';

/** What becomes of a row whose delivery failed: given up, or tried again after a delay. */
export type AfterFailure = { readonly dead: true } | { readonly dead: false; readonly delayMs: number };

/** The wait before the next try after `attempts` tries: base · 2^(attempts−1), capped. */
export function backoffMs(attempts: number, config: Pick<DeliveryConfig, 'backoffBaseMs' | 'backoffMaxMs'>): number {
  const exponent = Math.min(Math.max(attempts - 1, 0), 40);
  return Math.min(config.backoffBaseMs * 2 ** exponent, config.backoffMaxMs);
}

/**
 * Decides after a failed try: dead when the failure is permanent or the tries are used up; otherwise retried after
 * the backoff, or later when the receiver asked for that (Retry-After), but never past the cap.
 */
export function afterFailure(
  attempts: number, failure: { readonly permanent: boolean; readonly retryAfterMs?: number | undefined },
  config: Pick<DeliveryConfig, 'maxAttempts' | 'backoffBaseMs' | 'backoffMaxMs'>,
): AfterFailure {
  if (failure.permanent || attempts >= config.maxAttempts) return { dead: true };
  const asked = Math.min(failure.retryAfterMs ?? 0, config.backoffMaxMs);
  return { dead: false, delayMs: Math.max(backoffMs(attempts, config), asked) };
}
