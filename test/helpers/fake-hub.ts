/**
 * A fake Hugging Face Hub on 127.0.0.1 for offline tests, after dependency-probes.md Appendix A:
 * it serves a local folder per (dataset, revision) through exactly the endpoints `@huggingface/hub`
 * and selfid call (tree listing with `Link` pagination, `resolve` with `Range`, `ETag` and
 * `X-Error-Code`), logs every request, counts requests in flight, and injects faults.
 */
import { createHash } from "node:crypto";
import { createReadStream, existsSync, readdirSync, statSync } from "node:fs";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { join, sep } from "node:path";

/** A dataset: one folder per revision; private ones need the hub's token. */
export interface FakeRepo {
  private?: boolean;
  revisions: Record<string, string>;
  /**
   * A hostile or broken hub: rewrites the tree listing's items (all pages at once) before they are
   * paged; a string return value is sent as the raw body of the first page.
   */
  listing?: (items: Array<Record<string, unknown>>) => unknown;
  /** A hostile hub: the listing's last page links to this URL as `rel="next"`. */
  nextPage?: string;
}

/** A failure to serve instead of the real answer, `times` times, to matching requests. */
export interface Fault {
  /** Which endpoint: the tree listing or a file download. */
  on: "tree" | "resolve";
  /** Only requests whose decoded path ends with this. @default any */
  path?: string;
  /** How many matching requests fail. @default 1 */
  times?: number;
  /** Answer with this status (and headers) instead. */
  status?: number;
  headers?: Record<string, string>;
  /** resolve: send the headers and this many body bytes, then cut the connection. */
  dropAfter?: number;
  /** resolve: ignore the Range header and send the whole file with 200. */
  ignoreRange?: boolean;
}

/** One request as the fake hub saw it. */
export interface LoggedRequest {
  method: string;
  url: string;
  range: string | null;
  authorization: string | null;
}

export interface FakeHub {
  url: string;
  log: LoggedRequest[];
  /** Most requests that were open at the same time. */
  maxInFlight: number;
  inject(fault: Fault): void;
  /** Forgets the log, the faults left and the in-flight maximum (between tests). */
  reset(): void;
  close(): Promise<void>;
}

interface Entry {
  type: "file" | "directory";
  path: string;
  size: number;
}

function walk(dir: string, base = ""): Entry[] {
  const out: Entry[] = [];
  for (const e of readdirSync(join(dir, base), { withFileTypes: true })) {
    const rel = base ? `${base}/${e.name}` : e.name;
    if (e.isDirectory()) out.push({ type: "directory", path: rel, size: 0 }, ...walk(dir, rel));
    else out.push({ type: "file", path: rel, size: statSync(join(dir, rel)).size });
  }
  return out.sort((a, b) => (a.path < b.path ? -1 : 1));
}

const oidOf = (s: string | Buffer) => createHash("sha1").update(s).digest("hex");

/** Starts the fake hub on 127.0.0.1, port 0. `repos` keys are `datasets/OWNER/NAME`. */
export async function startFakeHub(options: {
  repos: Record<string, FakeRepo>;
  token?: string;
  pageSize?: number;
  /** A careless hub: every error message (header and body) quotes the request's Authorization. */
  echoAuthorization?: boolean;
}): Promise<FakeHub> {
  const { repos, token, pageSize = 1000, echoAuthorization = false } = options;
  const faults: Array<Fault & { left: number }> = [];
  const hub: FakeHub = {
    url: "",
    log: [],
    maxInFlight: 0,
    inject: (fault) => faults.push({ ...fault, left: fault.times ?? 1 }),
    reset: () => {
      hub.log.length = 0;
      faults.length = 0;
      hub.maxInFlight = 0;
    },
    close: () => new Promise((done) => server.close(() => done())),
  };
  let inFlight = 0;

  const json = (res: ServerResponse, code: number, body: unknown, headers: Record<string, string> = {}) => {
    const auth = res.req.headers.authorization;
    if (echoAuthorization && code >= 400 && auth) {
      const echo = ` (you sent Authorization: ${auth})`;
      const error = (body as { error?: string }).error ?? "error";
      body = { error: `${error}${echo}`, headers: res.req.headers };
      headers = { ...headers, "X-Error-Message": `${headers["X-Error-Message"] ?? error}${echo}` };
    }
    res.writeHead(code, { "Content-Type": "application/json", ...headers });
    res.end(JSON.stringify(body));
  };
  const notFound = (res: ServerResponse, code: string, message: string) =>
    json(res, 404, { error: message }, { "X-Error-Code": code, "X-Error-Message": message });

  const takeFault = (on: Fault["on"], path: string) => {
    const fault = faults.find((f) => f.on === on && f.left > 0 && (!f.path || path.endsWith(f.path)));
    if (fault) fault.left--;
    return fault;
  };

  const serveFile = (
    req: IncomingMessage,
    res: ServerResponse,
    abs: string,
    fault: Fault | undefined,
  ): unknown => {
    const { size, mtimeMs } = statSync(abs);
    const headers: Record<string, string | number> = {
      "Accept-Ranges": "bytes",
      // Cheap but changes with the contents, like a real ETag as far as a resume can tell.
      ETag: `"${oidOf(`${abs}:${size}:${mtimeMs}`)}"`,
      "Content-Type": "application/octet-stream",
    };
    let start = 0;
    let end = size - 1;
    let status = 200;
    const range = fault?.ignoreRange ? undefined : req.headers.range;
    if (range) {
      const m = /^bytes=(\d*)-(\d*)$/.exec(range);
      if (!m) {
        res.writeHead(416, headers);
        return res.end();
      }
      start = m[1] === "" ? size - Number(m[2]) : Number(m[1]);
      end = m[1] === "" || m[2] === "" ? size - 1 : Math.min(Number(m[2]), size - 1);
      if (start >= size || start > end) {
        res.writeHead(416, { ...headers, "Content-Range": `bytes */${size}` });
        return res.end();
      }
      status = 206;
      headers["Content-Range"] = `bytes ${start}-${end}/${size}`;
    }
    res.writeHead(status, { ...headers, "Content-Length": end - start + 1 });
    if (req.method === "HEAD") return res.end();
    if (fault?.dropAfter !== undefined) {
      const last = Math.min(end, start + fault.dropAfter - 1);
      if (last < start) return res.write("", () => res.socket?.destroy());
      // Cut the connection once the partial body has left, as a reset mid-transfer would.
      const partial = createReadStream(abs, { start, end: last });
      partial.on("end", () => res.write("", () => res.socket?.destroy()));
      return partial.pipe(res, { end: false });
    }
    return createReadStream(abs, { start, end }).pipe(res);
  };

  const handle = (req: IncomingMessage, res: ServerResponse): unknown => {
    const u = new URL(req.url ?? "/", "http://x");
    hub.log.push({
      method: req.method ?? "GET",
      url: req.url ?? "",
      range: req.headers.range ?? null,
      authorization: req.headers.authorization ?? null,
    });
    // %2F in a revision decodes to "/" here, as on the Hub.
    const seg = u.pathname.split("/").slice(1).map(decodeURIComponent);
    const allowed = (repo: FakeRepo) => {
      if (!repo.private || (token && req.headers.authorization === `Bearer ${token}`)) return true;
      json(
        res,
        401,
        { error: "Invalid credentials in Authorization header" },
        { "X-Error-Code": "RepoNotFound" },
      );
      return false;
    };

    if (seg[0] === "api" && seg[1] === "datasets") {
      const [, , owner, name, op, rev = "", ...rest] = seg;
      const repo = repos[`datasets/${owner}/${name}`];
      if (!repo) return notFound(res, "RepoNotFound", "Repository not found");
      if (!allowed(repo)) return;
      if (op !== "tree") return json(res, 404, { error: "not implemented in fake hub" });
      const fault = takeFault("tree", rest.join("/"));
      if (fault?.status) return json(res, fault.status, { error: "injected" }, fault.headers);
      const dir = repo.revisions[rev];
      if (!dir) return notFound(res, "RevisionNotFound", `Invalid rev id: ${rev}`);
      const sub = rest.join("/");
      if (sub && !(existsSync(join(dir, sub)) && statSync(join(dir, sub)).isDirectory())) {
        return notFound(res, "EntryNotFound", `${sub} does not exist on "${rev}"`);
      }
      let entries = walk(dir).filter((e) => !sub || e.path.startsWith(`${sub}/`));
      if (u.searchParams.get("recursive") !== "true") {
        entries = entries.filter((e) => !e.path.slice(sub ? sub.length + 1 : 0).includes("/"));
      }
      const items = entries.map((e) =>
        e.type === "file"
          ? {
              type: "file",
              oid: oidOf(e.path),
              size: e.size,
              path: e.path,
              ...(e.size > 1000
                ? { lfs: { oid: oidOf(`lfs${e.path}`), size: e.size, pointerSize: 134 } }
                : {}),
            }
          : { type: "directory", oid: oidOf(e.path), size: 0, path: e.path },
      );
      const listed = repo.listing ? repo.listing(items) : items;
      if (typeof listed === "string") {
        res.writeHead(200, { "Content-Type": "application/json" });
        return res.end(listed);
      }
      const all = Array.isArray(listed) ? listed : [listed];
      const cursor = Number(u.searchParams.get("cursor") ?? 0);
      const headers: Record<string, string> = {};
      if (cursor + pageSize < all.length) {
        const next = new URL(req.url ?? "/", `http://${req.headers.host}`);
        next.searchParams.set("cursor", String(cursor + pageSize));
        headers.Link = `<${next}>; rel="next"`;
      } else if (repo.nextPage !== undefined) {
        headers.Link = `<${repo.nextPage}>; rel="next"`;
      }
      return json(res, 200, all.slice(cursor, cursor + pageSize), headers);
    }

    if (seg[0] === "datasets" && seg[3] === "resolve") {
      const [, owner, name, , rev = "", ...p] = seg;
      const repo = repos[`datasets/${owner}/${name}`];
      if (!repo) return notFound(res, "RepoNotFound", "Repository not found");
      if (!allowed(repo)) return;
      const fault = takeFault("resolve", p.join("/"));
      if (fault?.status) return json(res, fault.status, { error: "injected" }, fault.headers);
      const dir = repo.revisions[rev];
      if (!dir) return notFound(res, "RevisionNotFound", `Invalid rev id: ${rev}`);
      const abs = join(dir, ...p);
      if (!abs.startsWith(dir + sep) || !existsSync(abs) || statSync(abs).isDirectory()) {
        return notFound(res, "EntryNotFound", `${p.join("/")} does not exist on "${rev}"`);
      }
      return serveFile(req, res, abs, fault);
    }
    return json(res, 404, { error: "unknown route" });
  };

  const server = createServer((req, res) => {
    inFlight++;
    hub.maxInFlight = Math.max(hub.maxInFlight, inFlight);
    res.on("close", () => inFlight--);
    handle(req, res);
  });
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  hub.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // Keep-alive sockets would hold close() until they time out.
  const close = hub.close;
  hub.close = () => {
    server.closeAllConnections();
    return close();
  };
  return hub;
}
