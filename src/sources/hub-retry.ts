/** How hard to try before a Hub request counts as failed. */
export interface RetryPolicy {
  /** Retries after the first attempt. @default 5 */
  retries?: number;
  /** First backoff; each retry doubles it, with full jitter. @default 500 */
  baseDelayMs?: number;
  /** Longest single wait, `Retry-After` included. @default 60000 */
  maxDelayMs?: number;
}

/** {@link RetryPolicy} with its defaults filled in. */
export type FullRetryPolicy = Required<RetryPolicy>;

/** The defaults of {@link RetryPolicy}: about 15 s of backoff in all before giving up. */
export const DEFAULT_RETRY: FullRetryPolicy = { retries: 5, baseDelayMs: 500, maxDelayMs: 60_000 };

/**
 * Statuses worth retrying: rate limits (429), timeouts (408) and server-side failures (5xx, which
 * on the Hub are mostly a CDN or a storage node having a bad moment). 501 is a definite answer.
 */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 429 || (status >= 500 && status !== 501);
}

/**
 * Network failures worth retrying: resets, timeouts, a socket closed mid-body. A name that does not
 * resolve (a typo in HF_ENDPOINT) will not resolve in a second either, so it fails at once.
 */
export function isRetryableNetworkError(error: unknown): boolean {
  if (!(error instanceof Error) || error.name === "AbortError") return false;
  const code = errorCode(error);
  return code !== "ENOTFOUND" && code !== "ERR_INVALID_URL" && code !== "ERR_INVALID_ARG_TYPE";
}

/** The deepest `code` of an error's `cause` chain (`ECONNRESET`, `UND_ERR_SOCKET`), if any. */
export function errorCode(error: unknown): string | undefined {
  let code: string | undefined;
  for (let e = error as { code?: unknown; cause?: unknown } | undefined, depth = 0; e && depth < 5; depth++) {
    if (typeof e.code === "string") code = e.code;
    e = e.cause as typeof e;
  }
  return code;
}

/**
 * Milliseconds to wait before retry number `attempt` (0-based): the server's `Retry-After` when it
 * sent one, else exponential backoff with full jitter (a random wait up to base·2^attempt), which
 * keeps many clients that failed together from retrying together. Capped at `maxDelayMs`.
 */
export function retryDelay(
  policy: FullRetryPolicy,
  attempt: number,
  retryAfterMs?: number,
  random: () => number = Math.random,
): number {
  if (retryAfterMs !== undefined) return Math.min(retryAfterMs, policy.maxDelayMs);
  return Math.round(random() * Math.min(policy.baseDelayMs * 2 ** attempt, policy.maxDelayMs));
}

/**
 * A `Retry-After` header in milliseconds: delay-seconds (`120`) or an HTTP date; undefined when
 * absent or unreadable.
 */
export function parseRetryAfter(value: string | null, now: number = Date.now()): number | undefined {
  if (value === null || value.trim() === "") return undefined;
  if (/^\s*\d+(?:\.\d+)?\s*$/.test(value)) return Math.round(Number(value) * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** Waits `ms`, or rejects with the signal's reason as soon as it aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
