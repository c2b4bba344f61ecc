import type { Compression } from "../types.js";
import { OutputFile, type OutputStats, type ZstdEncoderFactory } from "./output-file.js";
import type { EmitRecord, ShardWriter } from "./shard-writer.js";

const NEWLINE = new Uint8Array([0x0a]);
const OPEN = Buffer.from("[\n");
const SEPARATOR = Buffer.from(",\n");
const CLOSE_EMPTY = Buffer.from("]\n");
const CLOSE = Buffer.from("\n]\n");

/** A record's raw bytes; the readers keep them when asked (`keepRaw`), and emit always asks. */
export function rawOf(record: EmitRecord): Uint8Array {
  if (record.raw === undefined) throw new Error("emit: record without raw bytes (read it with keepRaw)");
  return record.raw;
}

/** How records' raw bytes are laid out in a file of a byte format. */
export type ByteLayout = "lines" | "json-array" | "whole-file";

/**
 * A shard of a byte format, holding each record's raw bytes exactly as read:
 * - `lines` (JSONL, text lines): each record and `\n`;
 * - `json-array`: `[\n` … `,\n` … `\n]\n` around the elements, only the space between them new;
 * - `whole-file` (`.txt` with `--text-unit file`): the bytes as they were, nothing added.
 */
export class ByteShard implements ShardWriter {
  records = 0;
  size = 0;

  private constructor(
    private readonly file: OutputFile,
    private readonly layout: ByteLayout,
  ) {}

  static async open(
    path: string,
    layout: ByteLayout,
    compression: Compression,
    zstd: ZstdEncoderFactory,
  ): Promise<ByteShard> {
    const file = await OutputFile.open(path, compression, zstd);
    if (layout === "json-array") file.write(OPEN);
    return new ByteShard(file, layout);
  }

  write(record: EmitRecord): Promise<void> | undefined {
    const raw = rawOf(record);
    this.size += raw.length;
    switch (this.layout) {
      case "lines": {
        this.records++;
        this.size++;
        // Either write may be the one that fills the stream: the caller must wait for it then.
        const wait = this.file.write(raw);
        return this.file.write(NEWLINE) ?? wait;
      }
      case "json-array": {
        this.size += 2;
        const wait = this.records++ > 0 ? this.file.write(SEPARATOR) : undefined;
        return this.file.write(raw) ?? wait;
      }
      case "whole-file":
        this.records++;
        return this.file.write(raw);
    }
  }

  async close(): Promise<OutputStats> {
    if (this.layout === "json-array") this.file.write(this.records === 0 ? CLOSE_EMPTY : CLOSE);
    return { records: this.records, ...(await this.file.close()) };
  }

  abort(): Promise<void> {
    return this.file.abort();
  }
}
