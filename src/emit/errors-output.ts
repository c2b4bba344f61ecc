import { createReadStream } from "node:fs";
import { rm } from "node:fs/promises";
import type { Compression, RecordItem } from "../types.js";
import { OutputFile, type OutputStats, type ZstdEncoderFactory } from "./output-file.js";

const NEWLINE = new Uint8Array([0x0a]);

/** Where an unreadable record was, why, and how many of its bytes the errors file keeps. */
export interface ErrorReason {
  record: number;
  line?: number;
  byteOffset?: number;
  message: string;
  /** Bytes of the record kept in the errors file (each followed by `\n`); absent when none could be. */
  bytes?: number;
}

/**
 * The unreadable records of one input: their raw bytes, one after another, each followed by `\n`
 * (for JSONL and text these are the bad lines), and beside them a `.reasons.jsonl` file with one
 * {@link ErrorReason} per record, in the same order, so every error is accounted for even when no
 * byte of it could be kept. A record too big to hold comes as a spill file, copied then deleted.
 */
export class ErrorsOutput {
  #raw: OutputFile | undefined;
  #rawRecords = 0;
  #reasons: OutputFile | undefined;
  #reasonCount = 0;

  constructor(
    private readonly rawPath: string,
    private readonly reasonsPath: string,
    private readonly compression: Compression,
    private readonly zstd: ZstdEncoderFactory,
    private readonly onClose: (path: string, kind: "errors" | "reasons", stats: OutputStats) => void,
  ) {}

  async write(item: RecordItem & { type: "error" }): Promise<void> {
    const reason: ErrorReason = { record: item.index, message: item.message };
    if (item.line !== undefined) reason.line = item.line;
    if (item.byteOffset !== undefined) reason.byteOffset = item.byteOffset;
    if (item.raw !== undefined) {
      const file = await this.#rawFile();
      this.#rawRecords++;
      const wait = file.write(item.raw);
      await (file.write(NEWLINE) ?? wait);
      reason.bytes = item.raw.length;
    } else if (item.rawFile !== undefined) {
      reason.bytes = await this.#copy(item.rawFile);
    }
    this.#reasons ??= await OutputFile.open(this.reasonsPath, "none", null);
    this.#reasonCount++;
    await this.#reasons.write(Buffer.from(`${JSON.stringify(reason)}\n`));
  }

  async close(): Promise<void> {
    if (this.#raw)
      this.onClose(this.rawPath, "errors", { records: this.#rawRecords, ...(await this.#raw.close()) });
    if (this.#reasons) {
      this.onClose(this.reasonsPath, "reasons", {
        records: this.#reasonCount,
        ...(await this.#reasons.close()),
      });
    }
    this.#raw = this.#reasons = undefined;
  }

  async abort(): Promise<void> {
    await this.#raw?.abort();
    await this.#reasons?.abort();
    this.#raw = this.#reasons = undefined;
  }

  async #rawFile(): Promise<OutputFile> {
    this.#raw ??= await OutputFile.open(this.rawPath, this.compression, this.zstd);
    return this.#raw;
  }

  /** Streams a spilled record into the errors file, then deletes the spill. */
  async #copy(spill: string): Promise<number> {
    const file = await this.#rawFile();
    let bytes = 0;
    try {
      for await (const chunk of createReadStream(spill)) {
        bytes += (chunk as Buffer).length;
        const wait = file.write(chunk as Buffer);
        if (wait) await wait;
      }
      this.#rawRecords++;
      await file.write(NEWLINE);
    } finally {
      await rm(spill, { force: true });
    }
    return bytes;
  }
}
