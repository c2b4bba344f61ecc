import { InputError } from "../errors.js";
import { type HubClient, HubHttpError, HubNetworkError } from "./hub-client.js";
import { errorCode } from "./hub-retry.js";

/** What a failed Hub request was about, so its message can name it. */
export interface HubErrorSubject {
  /** `OWNER/NAME`. */
  repo: string;
  revision: string;
  /** The path or glob asked for (listing), or the file being read; `""` for the whole repo. */
  path: string;
  /** The input or file URI the {@link InputError} is attributed to. */
  source: string;
}

/**
 * Turns a failed Hub request into an {@link InputError} with a message a user can act on, e.g.
 * `hub datasets/acme/secret: access denied (401); accept the dataset's conditions on its page and
 * set HF_TOKEN`. A 404 names what was missing (dataset, revision or path). Every message passes
 * through the client's scrubber, so a server that echoes the token cannot leak it.
 */
export function hubInputError(client: HubClient, subject: HubErrorSubject, error: unknown): InputError {
  if (error instanceof InputError) return error;
  const message = client.scrub(describe(client, subject, error));
  return new InputError(message, subject.source, { cause: error });
}

function describe(client: HubClient, subject: HubErrorSubject, error: unknown): string {
  const repo = `hub datasets/${subject.repo}`;
  const at = `${repo}@${subject.revision}`;
  if (error instanceof HubHttpError) {
    const { status, code } = error;
    const tries = error.attempts > 1 ? ` after ${error.attempts} attempts` : "";
    if (status === 401 || status === 403) {
      return client.token === undefined
        ? `${repo}: access denied (${status}); accept the dataset's conditions on its page and set HF_TOKEN`
        : `${repo}: access denied (${status}) with the token given; accept the dataset's conditions on its page and check that the token can read it`;
    }
    if (status === 404) {
      if (code === "RevisionNotFound") {
        return `${repo}: revision ${subject.revision} not found (404); give a branch, tag or commit that exists`;
      }
      if (code === "EntryNotFound") return `${at}: path ${subject.path} not found (404)`;
      if (code === "RepoNotFound" || subject.path === "") {
        return `${repo}: dataset not found (404); check the name, or set HF_TOKEN if it is private`;
      }
      return `${at}: ${subject.path || "the dataset"} not found (404)`;
    }
    if (status === 429) {
      return `${repo}: rate limited (429)${tries}; lower --hub-concurrency, set HF_TOKEN for a higher limit, or try again later`;
    }
    if (status >= 500) return `${repo}: server error (${status})${tries}; try again later`;
    return `${at}: unexpected response (${error.message})${subject.path ? ` for ${subject.path}` : ""}`;
  }
  if (error instanceof HubNetworkError) {
    const code = errorCode(error) ?? (error.cause instanceof Error ? error.cause.message : "network error");
    const tries = error.attempts > 1 ? ` after ${error.attempts} attempts` : "";
    return `${repo}: cannot reach ${client.hubUrl} (${code})${tries}`;
  }
  const text = error instanceof Error ? error.message : String(error);
  return `${at}: ${text.charAt(0).toLowerCase()}${text.slice(1)}`;
}
