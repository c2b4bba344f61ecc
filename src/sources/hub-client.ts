import { UsageError } from "../errors.js";
import { createLimiter, type Limiter, type Release } from "./hub-limiter.js";
import {
  DEFAULT_RETRY,
  type FullRetryPolicy,
  isRetryableNetworkError,
  isRetryableStatus,
  parseRetryAfter,
  type RetryPolicy,
  retryDelay,
  sleep,
} from "./hub-retry.js";

/** The public Hub; `HF_ENDPOINT` points elsewhere (a mirror, a private hub). */
export const DEFAULT_HUB_URL = "https://huggingface.co";

/** Hub settings of a scan (`selfid scan hf://…`); the CLI fills them from flags and the environment. */
export interface HubOptions {
  /** Hub base URL (`HF_ENDPOINT`). @default "https://huggingface.co" */
  endpoint?: string;
  /** Access token (`HF_TOKEN`, `--token`); must start with `hf_`. Never printed or reported. */
  token?: string;
  /** Requests in flight at once, streamed bodies included (`--hub-concurrency`). @default 2 */
  concurrency?: number;
  /** Dataset-viewer split: read the repo's Parquet conversion `CONFIG/SPLIT/*.parquet` (`--split`). */
  split?: string;
  /** Dataset-viewer config for `split` (`--config`). @default "default" */
  config?: string;
  /** The fetch to use (a proxy, a test double). @default globalThis.fetch */
  fetch?: typeof fetch;
  /** Retries and backoff for 429, 5xx and dropped connections. */
  retry?: RetryPolicy;
  /** How to wait between retries (tests pass one that records and returns at once). */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

/** A failed Hub response, after any retries: what the describers need, and no token. */
export class HubHttpError extends Error {
  override readonly name = "HubHttpError";
  constructor(
    readonly status: number,
    /** The Hub's `X-Error-Code`: `RepoNotFound`, `RevisionNotFound`, `EntryNotFound`, `GatedRepo`… */
    readonly code: string | undefined,
    readonly url: string,
    /** The server's own words (`X-Error-Message` or the JSON `error`), if any. */
    readonly serverMessage: string | undefined,
    readonly attempts: number,
  ) {
    super(`http ${status}${code ? ` ${code}` : ""}${serverMessage ? `: ${serverMessage}` : ""}`);
  }
}

/** A request that never got a response: connection refused, reset, timed out, after retries. */
export class HubNetworkError extends Error {
  override readonly name = "HubNetworkError";
  constructor(
    readonly url: string,
    readonly attempts: number,
    options: ErrorOptions,
  ) {
    super("network error", options);
  }
}

/** A response whose body the caller streams; `release` frees its concurrency slot. */
export interface HeldResponse {
  response: Response;
  release: Release;
}

/** One scan's connection to the Hub: settings, the shared limiter, and retrying requests. */
export interface HubClient {
  /** Base URL without a trailing slash. */
  readonly hubUrl: string;
  readonly token: string | undefined;
  readonly retry: FullRetryPolicy;
  /**
   * A fetch with the limiter, retries and the token, for `@huggingface/hub`'s `fetch` parameter:
   * it resolves only with an ok response and throws {@link HubHttpError} or {@link HubNetworkError}
   * otherwise. The slot is freed once the headers are in (listings are small).
   */
  readonly fetch: typeof fetch;
  /** Like {@link HubClient.fetch}, but the slot stays taken until `release()` (a streamed body). */
  open(url: string, init: RequestInit): Promise<HeldResponse>;
  /** Waits between attempts, honouring the injected sleep. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
  /** The text with the token replaced by `hf_***`, for every message that might echo a server. */
  scrub(text: string): string;
}

/**
 * Creates the Hub client of one scan. Throws a {@link UsageError} for an endpoint that is not an
 * http(s) URL, a token that does not start with `hf_` (the Hub client would reject it later with a
 * less helpful message) or a concurrency below 1. The messages never include the token.
 */
export function createHubClient(options: HubOptions = {}): HubClient {
  const hubUrl = normaliseEndpoint(options.endpoint ?? DEFAULT_HUB_URL);
  const token = options.token === "" ? undefined : options.token;
  if (token !== undefined && !token.startsWith("hf_")) {
    throw new UsageError("hub token (--token or HF_TOKEN): a Hugging Face access token starts with hf_");
  }
  const concurrency = options.concurrency ?? 2;
  if (!Number.isInteger(concurrency) || concurrency < 1) {
    throw new UsageError(`hub concurrency ${concurrency}: expected a whole number of at least 1`);
  }
  const retry: FullRetryPolicy = { ...DEFAULT_RETRY, ...options.retry };
  const fetchImpl = options.fetch ?? globalThis.fetch;
  const wait = options.sleep ?? sleep;
  const limiter = createLimiter(concurrency);

  const origin = new URL(hubUrl).origin;
  const send = (url: string, init: RequestInit, hold: boolean) =>
    sendWithRetries({ fetchImpl, limiter, retry, wait, token, origin }, url, init, hold);

  return {
    hubUrl,
    token,
    retry,
    fetch: (async (input: string | URL | Request, init?: RequestInit) => {
      const { response } = await send(
        String(input instanceof Request ? input.url : input),
        init ?? {},
        false,
      );
      return response;
    }) as typeof fetch,
    open: (url, init) => send(url, init, true),
    sleep: wait,
    scrub: (text) => (token === undefined ? text : text.split(token).join("hf_***")),
  };
}

interface SendContext {
  fetchImpl: typeof fetch;
  limiter: Limiter;
  retry: FullRetryPolicy;
  wait: (ms: number, signal?: AbortSignal) => Promise<void>;
  token: string | undefined;
  /** The hub's origin: the only one the token is sent to. */
  origin: string;
}

async function sendWithRetries(
  ctx: SendContext,
  url: string,
  init: RequestInit,
  hold: boolean,
): Promise<HeldResponse> {
  const signal = init.signal ?? undefined;
  const headers = new Headers(init.headers);
  // The library adds the header itself; plain requests (file bodies, ranges) get it here. Node's
  // fetch drops it on the cross-origin redirect to the CDN, whose URLs are signed instead. A URL the
  // server handed us (a listing's `Link: rel="next"`) may point at any host: the token goes to the
  // hub's own origin only, as on a redirect.
  if (!sameOrigin(url, ctx.origin)) headers.delete("authorization");
  else if (ctx.token !== undefined && !headers.has("authorization")) {
    headers.set("authorization", `Bearer ${ctx.token}`);
  }
  for (let attempt = 0; ; attempt++) {
    const release = await ctx.limiter.acquire();
    if (signal?.aborted) {
      release();
      throw signal.reason;
    }
    let response: Response;
    try {
      response = await ctx.fetchImpl(url, { ...init, headers });
    } catch (error) {
      release();
      if (signal?.aborted || !isRetryableNetworkError(error) || attempt >= ctx.retry.retries) {
        if (signal?.aborted) throw signal.reason;
        throw new HubNetworkError(url, attempt + 1, { cause: error });
      }
      await ctx.wait(retryDelay(ctx.retry, attempt), signal);
      continue;
    }
    if (response.ok) {
      if (!hold) release();
      return { response, release };
    }
    const serverMessage = await readServerMessage(response);
    release();
    if (isRetryableStatus(response.status) && attempt < ctx.retry.retries) {
      const after = parseRetryAfter(response.headers.get("retry-after"));
      await ctx.wait(retryDelay(ctx.retry, attempt, after), signal);
      continue;
    }
    throw new HubHttpError(
      response.status,
      response.headers.get("x-error-code") ?? undefined,
      url,
      serverMessage,
      attempt + 1,
    );
  }
}

/** The Hub's explanation of a failure, from its headers or a small JSON body; the body is drained. */
async function readServerMessage(response: Response): Promise<string | undefined> {
  const header = response.headers.get("x-error-message") ?? undefined;
  let body = "";
  try {
    body = await response.text();
  } catch {
    // A body cut short says nothing more than the status does.
  }
  if (header) return header;
  try {
    const json = JSON.parse(body) as { error?: unknown; message?: unknown };
    const text = json.error ?? json.message;
    return typeof text === "string" ? text : undefined;
  } catch {
    return undefined;
  }
}

function sameOrigin(url: string, origin: string): boolean {
  try {
    return new URL(url).origin === origin;
  } catch {
    // Not a URL: fetch will refuse it, with or without the header.
    return false;
  }
}

function normaliseEndpoint(endpoint: string): string {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    throw new UsageError(
      `hub endpoint ${endpoint} (HF_ENDPOINT): not a URL; expected e.g. https://huggingface.co`,
    );
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new UsageError(`hub endpoint ${endpoint} (HF_ENDPOINT): expected an http or https URL`);
  }
  return endpoint.replace(/\/+$/, "");
}
