import type { Compression } from "../types.js";
import { rawOf } from "./line-shard.js";
import { OutputFile, type OutputStats, type ZstdEncoderFactory } from "./output-file.js";
import type { EmitRecord, ShardWriter } from "./shard-writer.js";

const OPEN = Buffer.from("[\n");
const SEPARATOR = Buffer.from(",\n");
const CLOSE_EMPTY = Buffer.from("]\n");
const CLOSE = Buffer.from("\n]\n");

/**
 * A JSON array of the records' raw element bytes, one element after another (`[\n` … `,\n` …
 * `\n]\n`): each element is byte for byte as read, only the space between elements is new.
 */
export class JsonArrayShard implements ShardWriter {
  records = 0;
  size = 0;

  private constructor(private readonly file: OutputFile) {}

  static async open(
    path: string,
    compression: Compression,
    zstd: ZstdEncoderFactory,
  ): Promise<JsonArrayShard> {
    const file = await OutputFile.open(path, compression, zstd);
    file.write(OPEN);
    return new JsonArrayShard(file);
  }

  write(record: EmitRecord): Promise<void> | undefined {
    const raw = rawOf(record);
    if (this.records > 0) this.file.write(SEPARATOR);
    this.records++;
    this.size += raw.length + 2;
    return this.file.write(raw);
  }

  async close(): Promise<OutputStats> {
    this.file.write(this.records === 0 ? CLOSE_EMPTY : CLOSE);
    return { records: this.records, ...(await this.file.close()) };
  }

  abort(): Promise<void> {
    return this.file.abort();
  }
}
