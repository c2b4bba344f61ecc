import type { Compression } from "../types.js";
import { OutputFile, type OutputStats, type ZstdEncoderFactory } from "./output-file.js";
import type { EmitRecord, ShardWriter } from "./shard-writer.js";

const NEWLINE = new Uint8Array([0x0a]);

/** JSONL and text lines: each record's raw bytes and a `\n`, so a line input comes out byte for byte. */
export class LineShard implements ShardWriter {
  records = 0;
  size = 0;

  private constructor(private readonly file: OutputFile) {}

  static async open(path: string, compression: Compression, zstd: ZstdEncoderFactory): Promise<LineShard> {
    return new LineShard(await OutputFile.open(path, compression, zstd));
  }

  write(record: EmitRecord): Promise<void> | undefined {
    const raw = rawOf(record);
    this.records++;
    this.size += raw.length + 1;
    this.file.write(raw);
    return this.file.write(NEWLINE);
  }

  async close(): Promise<OutputStats> {
    return { records: this.records, ...(await this.file.close()) };
  }

  abort(): Promise<void> {
    return this.file.abort();
  }
}

/** A record's raw bytes; the readers keep them when asked (`keepRaw`), and emit always asks. */
export function rawOf(record: EmitRecord): Uint8Array {
  if (record.raw === undefined) throw new Error("emit: record without raw bytes (read it with keepRaw)");
  return record.raw;
}

/** A whole-file record (`.txt` with `--text-unit file`): its bytes as they were, nothing added. */
export class WholeFileShard implements ShardWriter {
  records = 0;
  size = 0;

  private constructor(private readonly file: OutputFile) {}

  static async open(
    path: string,
    compression: Compression,
    zstd: ZstdEncoderFactory,
  ): Promise<WholeFileShard> {
    return new WholeFileShard(await OutputFile.open(path, compression, zstd));
  }

  write(record: EmitRecord): Promise<void> | undefined {
    const raw = rawOf(record);
    this.records++;
    this.size += raw.length;
    return this.file.write(raw);
  }

  async close(): Promise<OutputStats> {
    return { records: this.records, ...(await this.file.close()) };
  }

  abort(): Promise<void> {
    return this.file.abort();
  }
}
