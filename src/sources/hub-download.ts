import { InputError } from "../errors.js";
import type { HubClient } from "./hub-client.js";
import { hubInputError } from "./hub-errors.js";
import { retryDelay } from "./hub-retry.js";

/**
 * One Hub file to read. Bytes come from plain `fetch` on the file's `resolve` URL, the same URL
 * `@huggingface/hub`'s `downloadFile` probes, rather than from the Blob `downloadFile` returns:
 * - resuming a dropped transfer needs the status, `Content-Range` and `ETag` of each response, to
 *   prove the bytes continue exactly where the last ones stopped (a server that ignores `Range` and
 *   starts over would otherwise duplicate records); the Blob's `stream()` hides all three and turns
 *   a failure into a bare message string, losing the status and `Retry-After`;
 * - the listing already gives the size, so `downloadFile`'s probe request (`Range: bytes=0-0`)
 *   would be one more round trip per file for nothing;
 * - `xet: false` would make the Blob plain HTTP anyway: this is the same path, with control.
 */
export interface HubFileRef {
  /** `OWNER/NAME`. */
  repo: string;
  revision: string;
  path: string;
  size: number;
  /** `hf://datasets/OWNER/NAME@REV/PATH`: what errors and reports call it. */
  uri: string;
}

/** `{hub}/datasets/OWNER/NAME/resolve/REV/PATH`, revision and path segments percent-encoded. */
export function resolveUrl(client: HubClient, file: HubFileRef): string {
  const path = file.path.split("/").map(encodeURIComponent).join("/");
  return `${client.hubUrl}/datasets/${file.repo}/resolve/${encodeURIComponent(file.revision)}/${path}`;
}

/**
 * Streams a Hub file's bytes. A connection that drops mid-body (reset, timeout, early end) is
 * resumed with `Range: bytes=N-` from the last byte received, after a backoff; each resumed
 * response must start exactly at byte N (206 with that `Content-Range`, or a 200 whose first N
 * bytes are skipped) and carry the same `ETag`, so no byte is read twice or missed. The retry
 * budget is per stall: bytes received reset it. 429, 5xx and failed connections are retried by
 * the client before any body arrives.
 *
 * Throws an {@link InputError} naming the file when the Hub refuses or the budget runs out.
 * Stopping the iteration (or aborting `signal`) cancels the transfer and frees its slot.
 */
export async function* streamHubFile(
  client: HubClient,
  file: HubFileRef,
  signal: AbortSignal,
): AsyncGenerator<Uint8Array> {
  const url = resolveUrl(client, file);
  let offset = 0;
  let etag: string | undefined;
  let drops = 0;
  while (offset < file.size) {
    const headers: Record<string, string> = offset > 0 ? { range: `bytes=${offset}-` } : {};
    let held: Awaited<ReturnType<HubClient["open"]>>;
    try {
      held = await client.open(url, { headers, signal });
    } catch (error) {
      if (signal.aborted) throw error;
      throw hubInputError(client, subjectOf(file), error);
    }
    try {
      const tag = held.response.headers.get("etag") ?? undefined;
      if (etag !== undefined && tag !== undefined && tag !== etag) {
        throw new InputError(
          `input ${file.uri}: the file changed on the hub while it was read (etag ${etag}, now ${tag}); pin a commit with @REVISION`,
          file.uri,
        );
      }
      etag ??= tag;
      let skip = offset > 0 ? bytesToSkip(held.response, offset, file) : 0;
      const body = held.response.body;
      if (body === null) throw new Error("empty body");
      for await (const chunk of body as AsyncIterable<Uint8Array>) {
        let bytes = chunk;
        if (skip > 0) {
          const dropped = Math.min(skip, bytes.length);
          skip -= dropped;
          bytes = bytes.subarray(dropped);
          if (bytes.length === 0) continue;
        }
        offset += bytes.length;
        drops = 0;
        yield bytes;
      }
      if (offset < file.size) throw new Error(`the body ended at byte ${offset}`);
    } catch (error) {
      if (signal.aborted || error instanceof InputError) throw error;
      drops++;
      if (drops > client.retry.retries) {
        throw new InputError(
          client.scrub(
            `input ${file.uri}: the connection dropped ${drops} times at byte ${offset} of ${file.size} (${describe(error)}); try again later`,
          ),
          file.uri,
          { cause: error },
        );
      }
      await client.sleep(retryDelay(client.retry, drops - 1), signal);
    } finally {
      // A body left unread (an error before it, a response we refused) would hold its socket.
      if (!held.response.bodyUsed) held.response.body?.cancel().catch(() => {});
      held.release();
    }
  }
}

/**
 * Reads bytes `start` to `end` (exclusive) of a Hub file with one `Range` request, retried whole
 * when the body drops (ranges are bounded, a Parquet column chunk or footer). `end` is clamped to
 * the size. Throws an {@link InputError} naming the file.
 */
export async function readHubRange(
  client: HubClient,
  file: HubFileRef,
  start: number,
  end: number,
): Promise<ArrayBuffer> {
  const last = Math.min(end, file.size);
  if (last <= start) return new ArrayBuffer(0);
  const url = resolveUrl(client, file);
  for (let drops = 0; ; drops++) {
    let held: Awaited<ReturnType<HubClient["open"]>>;
    try {
      held = await client.open(url, { headers: { range: `bytes=${start}-${last - 1}` } });
    } catch (error) {
      throw hubInputError(client, subjectOf(file), error);
    }
    try {
      if (held.response.status !== 206 || contentRangeStart(held.response) !== start) {
        throw new InputError(
          `input ${file.uri}: the hub did not answer the range request for bytes ${start}-${last - 1} (status ${held.response.status}); ranged reads are needed for parquet`,
          file.uri,
        );
      }
      const bytes = await held.response.arrayBuffer();
      if (bytes.byteLength !== last - start)
        throw new Error(`got ${bytes.byteLength} of ${last - start} bytes`);
      return bytes;
    } catch (error) {
      if (error instanceof InputError) throw error;
      if (drops >= client.retry.retries) {
        throw new InputError(
          client.scrub(`input ${file.uri}: reading bytes ${start}-${last - 1} failed (${describe(error)})`),
          file.uri,
          { cause: error },
        );
      }
      await client.sleep(retryDelay(client.retry, drops));
    } finally {
      // A body left unread (an error before it, a response we refused) would hold its socket.
      if (!held.response.bodyUsed) held.response.body?.cancel().catch(() => {});
      held.release();
    }
  }
}

/** How many leading bytes of a resumed response were already received. */
function bytesToSkip(response: Response, offset: number, file: HubFileRef): number {
  // A server may ignore Range and send the whole file again: skipping is correct, if slower.
  if (response.status === 200) return offset;
  const start = contentRangeStart(response);
  if (response.status === 206 && start === offset) return 0;
  throw new InputError(
    `input ${file.uri}: the hub resumed at byte ${start ?? "?"} instead of ${offset} (status ${response.status})`,
    file.uri,
  );
}

/** The first byte of a 206 response, from `Content-Range: bytes START-END/SIZE`. */
function contentRangeStart(response: Response): number | undefined {
  const match = /^bytes (\d+)-\d+\/(?:\d+|\*)$/.exec(response.headers.get("content-range") ?? "");
  return match ? Number(match[1]) : undefined;
}

function subjectOf(file: HubFileRef): { repo: string; revision: string; path: string; source: string } {
  return { repo: file.repo, revision: file.revision, path: file.path, source: file.uri };
}

function describe(error: unknown): string {
  const cause = (error as { cause?: unknown }).cause;
  const code = (cause as { code?: unknown } | undefined)?.code;
  const message = error instanceof Error ? error.message : String(error);
  return typeof code === "string" ? `${message}: ${code}` : message;
}
