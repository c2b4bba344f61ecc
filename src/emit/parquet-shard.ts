import { ByteWriter, type ColumnSource, ParquetWriter } from "hyparquet-writer";
import type { RecordItem } from "../types.js";
import { OutputFile, type OutputStats } from "./output-file.js";
import { type ColumnEncoding, columnEncodings, encodingSchema, footerSchema } from "./parquet-encoding.js";
import { compressorOf, type ParquetOutput } from "./parquet-output.js";
import type { ShardWriter } from "./shard-writer.js";

export { type ParquetOutput, parquetOutputOf } from "./parquet-output.js";

/** Options of {@link openParquetShard}. */
export interface ParquetShardOptions {
  /** Most rows in one row group. @default {@link ROW_GROUP_ROWS} */
  rowGroupRows?: number;
  /** A row group ends once its rows hold this many bytes (as `size` counts them). @default {@link ROW_GROUP_BYTES} */
  rowGroupBytes?: number;
}

/**
 * Row groups end at 10,000 rows or 32 MiB of cells, whichever comes first. hyparquet-writer holds a
 * group several times over while it encodes it (cells, UTF-8 bytes, pages). Measured rewriting 109k
 * chat rows (297 MB of cells) with ZSTD: 32 MiB groups peak at 390 MB RSS, reading alone takes
 * 330 MB; 64 MiB groups peak at 550 MB, hyparquet-writer's 100k rows at 990 MB. 16 MiB saves
 * another 70 MB at the same speed, but 10k rows of chat (≈ 27 MB) make groups readers handle well.
 */
export const ROW_GROUP_ROWS = 10_000;
/** See {@link ROW_GROUP_ROWS}. */
export const ROW_GROUP_BYTES = 32 << 20;

/** Bytes handed to the output file at a time. */
const CHUNK_BYTES = 1 << 20;

/**
 * Opens a Parquet shard at `path`, written as `.NAME.partial` (the caller renames it with
 * `commitOutput` once the input is done, as for every shard). `write` takes
 * records read by `readParquet` with `allColumns`, whose `value` is the whole row, and buffers them
 * into row groups ({@link ROW_GROUP_ROWS}, {@link ROW_GROUP_BYTES}); `size` counts the bytes of the
 * cells (strings in UTF-8, byte arrays by length, numbers 8, booleans 1). A shard closed without
 * rows is a valid file of 0 rows with the schema. `output` comes from `parquetOutputOf`, which
 * refuses the schemas whose rows could not be written back exactly.
 */
export async function openParquetShard(
  path: string,
  output: ParquetOutput,
  options: ParquetShardOptions = {},
): Promise<ShardWriter> {
  const file = await OutputFile.open(path, "none", null);
  return new ParquetShard(file, output, options);
}

class ParquetShard implements ShardWriter {
  readonly #file: OutputFile;
  readonly #writer: ParquetWriter;
  readonly #footer: ParquetOutput["schema"];
  readonly #columns: ColumnEncoding[];
  readonly #maxRows: number;
  readonly #maxBytes: number;
  #cells: unknown[][];
  #groupRows = 0;
  #groupBytes = 0;
  #records = 0;
  #size = 0;

  constructor(file: OutputFile, output: ParquetOutput, options: ParquetShardOptions) {
    this.#file = file;
    this.#footer = footerSchema(output.schema);
    this.#columns = columnEncodings(output.schema);
    this.#cells = this.#columns.map(() => []);
    this.#maxRows = options.rowGroupRows ?? ROW_GROUP_ROWS;
    this.#maxBytes = options.rowGroupBytes ?? ROW_GROUP_BYTES;
    const compressor = compressorOf(output.codec);
    if (compressor === null) throw new Error(`parquet ${file.path}: no ${output.codec} compressor`);
    this.#writer = new ParquetWriter({
      writer: new ChunkedSink(file),
      // The rows hold physical values (see rowSchema); `close` puts the input's schema in the footer.
      schema: encodingSchema(output.schema),
      codec: output.codec,
      ...(compressor ? { compressors: { [output.codec]: compressor } } : {}),
      ...(output.keyValueMetadata ? { kvMetadata: output.keyValueMetadata } : {}),
      createdBy: "selfid (hyparquet-writer)",
    });
  }

  get records(): number {
    return this.#records;
  }

  get size(): number {
    return this.#size;
  }

  write(record: RecordItem): Promise<void> | undefined {
    if (record.type !== "record" || typeof record.value !== "object" || record.value === null) {
      throw new Error(`parquet ${this.#file.path}: only rows read from parquet can be written`);
    }
    const row = record.value as Record<string, unknown>;
    for (const [i, column] of this.#columns.entries()) {
      const cell = row[column.name];
      this.#cells[i]?.push(column.prepare ? column.prepare(cell) : cell);
    }
    const bytes = cellBytes(row);
    this.#records++;
    this.#size += bytes;
    this.#groupRows++;
    this.#groupBytes += bytes;
    if (this.#groupRows >= this.#maxRows || this.#groupBytes >= this.#maxBytes) return this.#writeGroup();
    return undefined;
  }

  async close(): Promise<OutputStats> {
    await this.#writeGroup();
    this.#writer.schema = this.#footer;
    await this.#writer.finish();
    const { bytes, sha256 } = await this.#file.close();
    return { records: this.#records, bytes, sha256 };
  }

  abort(): Promise<void> {
    return this.#file.abort();
  }

  /** Encodes the buffered rows as one row group; the promise is the file's back-pressure. */
  #writeGroup(): Promise<void> | undefined {
    if (this.#groupRows === 0) return undefined;
    const columnData: ColumnSource[] = this.#columns.map((column, i) => ({
      name: column.name,
      data: this.#cells[i] ?? [],
      statistics: column.statistics,
    }));
    const rows = this.#groupRows;
    this.#cells = this.#columns.map(() => []);
    this.#groupRows = 0;
    this.#groupBytes = 0;
    try {
      return this.#writer.write({ columnData, rowGroupSize: rows }) ?? undefined;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      throw new Error(`parquet ${this.#file.path}: cannot encode a row group (${message})`, { cause: error });
    }
  }
}

/**
 * hyparquet-writer's byte buffer, handing what it holds to the output file every
 * {@link CHUNK_BYTES}. hyparquet-writer encodes a row group synchronously and waits only between
 * groups (on `flush`), so once the file asks to wait, the next chunks queue here and go out one
 * at a time: one `drain` wait at a time, however many chunks a group makes.
 */
class ChunkedSink extends ByteWriter {
  readonly #file: OutputFile;
  readonly #queue: Uint8Array[] = [];
  #pending: Promise<void> | undefined;

  constructor(file: OutputFile) {
    super(CHUNK_BYTES + (64 << 10));
    this.#file = file;
  }

  override ensure(size: number): void {
    if (this.index >= CHUNK_BYTES) this.#hand();
    super.ensure(size);
  }

  /** Called by ParquetWriter after each row group; it waits on the promise before the next. */
  flush(): Promise<void> | undefined {
    this.#hand();
    return this.#pending;
  }

  override finish(): Promise<void> | undefined {
    return this.flush();
  }

  override getBuffer(): ArrayBuffer {
    throw new Error("a parquet shard's bytes go to its file");
  }

  override getBytes(): Uint8Array<ArrayBuffer> {
    throw new Error("a parquet shard's bytes go to its file");
  }

  #hand(): void {
    if (this.index === 0) return;
    const bytes = new Uint8Array(this.buffer.slice(0, this.index));
    this.index = 0;
    if (this.#pending) {
      this.#queue.push(bytes);
      return;
    }
    const wait = this.#file.write(bytes);
    if (wait) {
      this.#pending = this.#drain(wait);
      // Awaited through flush; this keeps a failure before then from counting as unhandled.
      this.#pending.catch(() => {});
    }
  }

  async #drain(wait: Promise<void>): Promise<void> {
    await wait;
    for (let next = this.#queue.shift(); next !== undefined; next = this.#queue.shift()) {
      await this.#file.write(next);
    }
    this.#pending = undefined;
  }
}

/** Bytes a row's cells take uncompressed: the measure of `size` and of row groups. */
function cellBytes(value: unknown): number {
  switch (typeof value) {
    case "string":
      return Buffer.byteLength(value);
    case "number":
    case "bigint":
      return 8;
    case "boolean":
      return 1;
    case "object": {
      if (value === null) return 0;
      if (value instanceof Uint8Array) return value.byteLength;
      let bytes = 0;
      if (Array.isArray(value)) {
        for (const item of value) bytes += cellBytes(item);
      } else {
        for (const key in value) bytes += cellBytes((value as Record<string, unknown>)[key]);
      }
      return bytes;
    }
    default:
      return 0;
  }
}
