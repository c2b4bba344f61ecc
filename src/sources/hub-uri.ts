import { UsageError } from "../errors.js";

/** The prefix of every Hub dataset input. Only datasets are scanned; models and spaces are not data. */
export const HUB_PREFIX = "hf://datasets/";

/** A parsed `hf://datasets/OWNER/NAME[@REVISION][/PATH-OR-GLOB]`. */
export interface HubUri {
  /** `OWNER/NAME`, as the Hub API names the repo. */
  repo: string;
  /** Branch, tag, commit or special ref (`refs/convert/parquet`), decoded. @default "main" */
  revision: string;
  /** Path or glob inside the repo, without leading or trailing `/`; `""` for the whole repo. */
  path: string;
}

/**
 * Special refs whose names hold slashes; written raw in a URI they would swallow the path, so they
 * are recognised by shape, as `huggingface_hub`'s HfFileSystem does. Any other ref with a slash
 * must be percent-encoded (`@feature%2Fx`).
 */
const SPECIAL_REF = /^refs\/(?:convert\/[\w-]+|pr\/\d+)(?=\/|$)/;

/** A Hub name part: what the Hub allows in an owner or repo name. */
const NAME_PART = /^[\w][\w.-]*$/;

/** Whether an input names a Hub dataset (`hf://datasets/…`) rather than a local path. */
export function isHubUri(input: string): boolean {
  return input.startsWith("hf://");
}

/**
 * Parses a Hub input. The revision may be percent-encoded (`@refs%2Fconvert%2Fparquet`) or, for the
 * special refs, written raw. Throws a {@link UsageError} naming the input and the expected shape
 * when it is malformed (`hf://datasets/onlyowner`, a model or space URI, an empty revision).
 */
export function parseHubUri(input: string): HubUri {
  const fail = (why: string): never => {
    throw new UsageError(
      `input ${input}: ${why}; expected hf://datasets/OWNER/NAME[@REVISION][/PATH-OR-GLOB]`,
    );
  };
  if (!input.startsWith(HUB_PREFIX)) {
    fail(isHubUri(input) ? "only dataset repos can be scanned" : "not a hub URI");
  }
  const rest = input.slice(HUB_PREFIX.length);
  const slash = rest.indexOf("/");
  const owner = slash < 0 ? rest : rest.slice(0, slash);
  if (slash < 0 || owner === "") fail("the dataset needs an owner and a name");
  const afterOwner = rest.slice(slash + 1);
  // The name ends at the first "@" or "/": an "@" later on belongs to the path.
  const nameEnd = afterOwner.search(/[@/]|$/);
  const name = afterOwner.slice(0, nameEnd);
  if (name === "") fail("the dataset needs an owner and a name");
  if (!NAME_PART.test(owner) || !NAME_PART.test(name)) fail(`invalid dataset name ${owner}/${name}`);

  let revision = "main";
  let tail = afterOwner.slice(nameEnd);
  if (tail.startsWith("@")) {
    const afterAt = tail.slice(1);
    const special = SPECIAL_REF.exec(afterAt);
    const revEnd = special ? special[0].length : afterAt.search(/\/|$/);
    const raw = afterAt.slice(0, revEnd);
    if (raw === "") fail("the revision after @ is empty");
    try {
      revision = decodeURIComponent(raw);
    } catch {
      fail(`the revision ${raw} is not valid percent-encoding`);
    }
    tail = afterAt.slice(revEnd);
  }
  if (tail !== "" && !tail.startsWith("/")) fail(`unexpected ${tail} after the dataset name`);
  const path = tail.replace(/^\/+|\/+$/g, "");
  if (path.split("/").some((segment) => segment === "." || segment === "..")) {
    fail("the path may not contain . or .. segments");
  }
  return { repo: `${owner}/${name}`, revision, path };
}

/**
 * The URI of a Hub file or glob, the form hits and reports name Hub files by:
 * `hf://datasets/acme/chat@main/data/a.jsonl`. The revision is always written, percent-encoded
 * when it holds a slash, so the URI pins what was read and parses back to the same parts.
 */
export function formatHubUri(uri: HubUri): string {
  const base = `${HUB_PREFIX}${uri.repo}@${encodeURIComponent(uri.revision)}`;
  return uri.path === "" ? base : `${base}/${uri.path}`;
}
