import { randomBytes } from "node:crypto";
import { closeSync, openSync, unlinkSync, writeSync } from "node:fs";
import { join } from "node:path";

/** Parts smaller than this are gathered before writing: a line fed a few bytes at a time would otherwise cost a system call per chunk. */
const GATHER_BYTES = 64 * 1024;

let count = 0;

/**
 * A temporary file that receives the bytes of one record too big to hold in memory, as they stream
 * past. Synchronous, because it is rare and keeps the line splitter synchronous. The file is ours
 * until {@link SpillFile.finish} hands its path out; {@link SpillFile.discard} deletes it.
 */
export class SpillFile {
  /** Where the bytes go: `selfid-oversize-<pid>-<n>-<random>.bin` in the chosen folder. */
  readonly path: string;
  #fd = -1;
  #gather: Buffer | null = null;
  #gathered = 0;

  /** Creates the file; throws if it cannot. */
  constructor(dir: string) {
    this.path = join(dir, `selfid-oversize-${process.pid}-${++count}-${randomBytes(4).toString("hex")}.bin`);
    // `wx` never opens a file someone else put there; 0o600 because a record may be private.
    this.#fd = openSync(this.path, "wx", 0o600);
  }

  /** Appends `bytes[start, end)`. */
  write(bytes: Buffer, start: number, end: number): void {
    const length = end - start;
    if (length < GATHER_BYTES) {
      if (this.#gathered + length > GATHER_BYTES) this.#flush();
      this.#gather ??= Buffer.allocUnsafe(GATHER_BYTES);
      bytes.copy(this.#gather, this.#gathered, start, end);
      this.#gathered += length;
      return;
    }
    this.#flush();
    this.#writeAll(bytes, start, end);
  }

  /** Writes what is gathered, closes the file and returns its path, which is the caller's from now on. */
  finish(): string {
    this.#flush();
    this.#close();
    return this.path;
  }

  /** Closes and deletes the file, unless {@link SpillFile.finish} handed it out; never throws. */
  discard(): void {
    if (this.#fd < 0) return;
    try {
      this.#close();
    } catch {}
    deleteSpill(this.path);
  }

  #flush(): void {
    if (this.#gathered === 0) return;
    this.#writeAll(this.#gather as Buffer, 0, this.#gathered);
    this.#gathered = 0;
  }

  #writeAll(bytes: Buffer, start: number, end: number): void {
    // writeSync may write less than asked (a pipe, a signal); loop until all is down.
    for (let at = start; at < end; ) at += writeSync(this.#fd, bytes, at, end - at);
  }

  #close(): void {
    this.#gather = null;
    closeSync(this.#fd);
    this.#fd = -1;
  }
}

/** Deletes a spill file nobody will read; a file already gone is fine. */
export function deleteSpill(path: string): void {
  try {
    unlinkSync(path);
  } catch {}
}
