/**
 * Plain data types shared by the pipeline stages (DESIGN §3). No behaviour lives here: each stage
 * folder owns its functions, and these interfaces are the seams between them.
 */

/** Input format after compression is stripped. */
export type InputFormat = "jsonl" | "json" | "txt" | "parquet";

/** Compression of an input's bytes. */
export type Compression = "none" | "gzip" | "zstd";

/** Speaker role of a text segment; `none` is role-less text (pre-training `text`, Alpaca input…). */
export type Role = "assistant" | "system" | "user" | "tool" | "none";

/** One piece of text inside a record, with where it came from and who said it. */
export interface Segment {
  /** Field path inside the record, e.g. `messages[2].content` or `text`. */
  field: string;
  role: Role;
  text: string;
}

/** Every kind of finding (DESIGN §1). */
export const HIT_KINDS = [
  "self-claim",
  "creator-claim",
  "basis-claim",
  "system-persona",
  "disclaimer",
  "placeholder",
] as const;
export type HitKind = (typeof HIT_KINDS)[number];

/** Kinds that flag a record unless `--flag-kinds` says otherwise. */
export const DEFAULT_FLAG_KINDS: readonly HitKind[] = [
  "self-claim",
  "creator-claim",
  "basis-claim",
  "system-persona",
];

/** What the matcher finds in one text: pure, no record position. */
export interface Finding {
  /** Vendor id of the claimed identity; null for disclaimers and placeholders. */
  family: string | null;
  kind: HitKind;
  /** ISO 639-1 language of the template that matched. */
  lang: string;
  /** The matched text, exactly as it stands in the original field text. */
  match: string;
  /** UTF-16 offsets into the original field text. */
  start: number;
  end: number;
  /** Template id, `<lang>/<kind>/<n>`. */
  pattern: string;
}

/** A finding placed in its record: one line of the hits JSONL (DESIGN §2). */
export interface Hit extends Finding {
  source: string;
  record: number;
  line?: number;
  field: string;
  role: Role;
}

/** Where a record sits in its source. */
export interface RecordPosition {
  /** JSONL/text: 0-based line number; JSON array: element index. */
  index: number;
  /** 1-based line number where known. */
  line?: number;
  /** Byte offset of the record's first byte in the decoded stream. */
  byteOffset?: number;
}

/**
 * The exact bytes of a record as read, for `--emit` (only when asked with `keepRaw`). For JSONL and
 * text lines: the line without its `\n`, but with the `\r` of a `\r\n` ending, so writing them plus
 * `\n` reproduces the line byte for byte; for JSON elements, see `readJsonArray`. In memory as
 * `raw`, or, for a line over the record cap, in a file as `rawFile`.
 */
export interface RawBytes {
  /** The bytes: a copy, never a view of a reader's buffer. */
  raw?: Uint8Array;
  /**
   * Path of a temporary file holding the raw bytes of a record too big to hold in memory; the
   * consumer moves or deletes it.
   */
  rawFile?: string;
}

/** What a record reader yields: a parsed record, or an unreadable one that is counted, not dropped. */
export type RecordItem =
  | ({ type: "record"; value: unknown } & RecordPosition & RawBytes)
  | ({ type: "error"; message: string } & RecordPosition & RawBytes);
