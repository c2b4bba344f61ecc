import { extname } from "node:path";
import { stripCompressionSuffix } from "../decode/compression-of.js";
import type { OutputStats } from "./output-file.js";
import type { EmitRecord, ShardWriter } from "./shard-writer.js";

/** Opens one shard file at an absolute path. */
export type OpenShard = (path: string) => Promise<ShardWriter>;

/**
 * `data/a.jsonl.zst` → `data/a-00003.jsonl.zst`: the shard number goes before the format's
 * extension, so tools that go by extension still recognise the files.
 */
export function shardName(path: string, shard: number): string {
  const plain = stripCompressionSuffix(path);
  const ext = extname(plain);
  const stem = plain.slice(0, plain.length - ext.length);
  return `${stem}-${String(shard).padStart(5, "0")}${ext}${path.slice(plain.length)}`;
}

/**
 * One output of an input (its clean or its flagged records) as one file, or as numbered shards of
 * at most about `maxShardBytes` each: a shard is closed once it reaches the limit (bytes before
 * compression; a record is never split). Files are opened on the first record, so an input with no
 * flagged records has no flagged file.
 */
export class ShardedOutput {
  #current: ShardWriter | undefined;
  #shards = 0;

  constructor(
    private readonly path: string,
    private readonly open: OpenShard,
    private readonly maxShardBytes: number | undefined,
    private readonly onClose: (path: string, stats: OutputStats) => void,
  ) {}

  /** Appends a record; returns a promise only when the caller must wait (a file opens or closes, back-pressure). */
  write(record: EmitRecord): Promise<void> | undefined {
    const current = this.#current;
    if (current === undefined) return this.#openThenWrite(record);
    const wait = current.write(record);
    if (this.maxShardBytes !== undefined && current.size >= this.maxShardBytes) {
      return wait ? wait.then(() => this.#finish()) : this.#finish();
    }
    return wait;
  }

  /** Closes the open shard, if any. */
  close(): Promise<void> {
    return this.#finish();
  }

  abort(): Promise<void> {
    const current = this.#current;
    this.#current = undefined;
    return current ? current.abort() : Promise.resolve();
  }

  async #openThenWrite(record: EmitRecord): Promise<void> {
    const path = this.maxShardBytes === undefined ? this.path : shardName(this.path, this.#shards);
    this.#shards++;
    this.#current = await this.open(path);
    await this.write(record);
  }

  async #finish(): Promise<void> {
    const current = this.#current;
    if (current === undefined) return;
    this.#current = undefined;
    const path = this.maxShardBytes === undefined ? this.path : shardName(this.path, this.#shards - 1);
    let stats: OutputStats;
    try {
      stats = await current.close();
    } catch (error) {
      // A shard that could not be closed (a full disk) is removed: it must not pass for complete.
      await current.abort();
      throw error;
    }
    this.onClose(path, stats);
  }
}
