import type { Role, Segment } from "../types.js";
import { extractPath, type FieldPath, isObject } from "./field-path.js";
import { normalizeRole } from "./roles.js";

/**
 * The layout a record was read as. A record that combines layouts (a `system` field next to
 * `conversations`, `messages` next to `chosen`/`rejected`) gets the first that applies in the
 * order `preference`, `messages`, `sharegpt`, `alpaca`, `prompt-response`, `text` (`output` next to
 * `instruction`/`input` is Alpaca, alone it is prompt-response; `system` alone is prompt-response); `fields` when
 * the caller named the fields; `unknown` when no known field is there (such records have no
 * segments and are counted by the caller).
 */
export type Shape =
  | "text"
  | "messages"
  | "sharegpt"
  | "alpaca"
  | "prompt-response"
  | "preference"
  | "fields"
  | "unknown";

/** Options of {@link extractSegments}. */
export interface ExtractOptions {
  /**
   * Scan exactly these paths (`--field`) instead of detecting the shape. Only strings become
   * segments, with the role of the object holding them (`role`/`from`, else `none`); a list of
   * strings, text parts or messages gives one segment per element (`chosen[1].content`).
   * @default undefined (detect the shape)
   */
  fields?: readonly FieldPath[] | undefined;
}

/** What a record yields: how it was read and its text, in scanning order. */
export interface Extraction {
  shape: Shape;
  segments: Segment[];
}

type Reader = "turns" | "history";

interface AutoField {
  key: string;
  /** Role of a plain string under this key; messages in a list carry their own role. */
  role: Role;
  read: Reader;
  /** Rank of the shape this field indicates: the lowest rank among present fields names the record. */
  shape: number;
}

const SHAPE_RANK: readonly Shape[] = [
  "preference",
  "messages",
  "sharegpt",
  "alpaca",
  "prompt-response",
  "text",
];
const PREFERENCE = 0;
const MESSAGES = 1;
const SHAREGPT = 2;
const ALPACA = 3;
const PROMPT_RESPONSE = 4;
const TEXT = 5;

/**
 * The only fields read without `--field`, in scanning order: the system text, then the
 * conversation in its own order, then the remaining single-turn fields from prompt to answer.
 * Anything else (`model`, `generator`, `id`, `source`, `dataset`, …) is metadata and never read.
 */
const AUTO_FIELDS: readonly AutoField[] = [
  { key: "system", role: "system", read: "turns", shape: PROMPT_RESPONSE },
  { key: "messages", role: "none", read: "turns", shape: MESSAGES },
  { key: "conversations", role: "none", read: "turns", shape: SHAREGPT },
  { key: "conversation", role: "none", read: "turns", shape: SHAREGPT },
  { key: "text", role: "none", read: "turns", shape: TEXT },
  { key: "history", role: "none", read: "history", shape: ALPACA },
  { key: "instruction", role: "user", read: "turns", shape: ALPACA },
  { key: "input", role: "user", read: "turns", shape: ALPACA },
  { key: "prompt", role: "user", read: "turns", shape: PROMPT_RESPONSE },
  { key: "query", role: "user", read: "turns", shape: PROMPT_RESPONSE },
  { key: "question", role: "user", read: "turns", shape: PROMPT_RESPONSE },
  { key: "output", role: "assistant", read: "turns", shape: PROMPT_RESPONSE },
  { key: "response", role: "assistant", read: "turns", shape: PROMPT_RESPONSE },
  { key: "completion", role: "assistant", read: "turns", shape: PROMPT_RESPONSE },
  { key: "answer", role: "assistant", read: "turns", shape: PROMPT_RESPONSE },
  { key: "chosen", role: "assistant", read: "turns", shape: PREFERENCE },
  { key: "rejected", role: "assistant", read: "turns", shape: PREFERENCE },
];

/**
 * The top-level keys shape detection reads, in scanning order: a columnar reader (Parquet) decodes
 * only these columns when no `--field` is given.
 */
export const AUTO_FIELD_KEYS: readonly string[] = AUTO_FIELDS.map((field) => field.key);

/** Content-part types that carry text (OpenAI chat, OpenAI Responses); images and audio are skipped. */
const TEXT_PART_TYPES: ReadonlySet<unknown> = new Set([undefined, "text", "input_text", "output_text"]);

const NON_SPACE = /\S/;

/**
 * Splits a record into the text segments to scan, each with its field path and speaker role.
 *
 * Without `fields`, the shape is detected from the known fields (DESIGN §2): `text`; OpenAI
 * `messages` (string content, content-part arrays, or `from`/`value` keys); ShareGPT
 * `conversations`/`conversation`; Alpaca `instruction`/`input`/`output` with `system` and
 * `history` pairs; `prompt`/`query`/`question` with `response`/`completion`/`answer`/`output`
 * (any of them may be a message list); preference `chosen`/`rejected`. Segments whose text is
 * empty or blank are dropped.
 */
export function extractSegments(value: unknown, options?: ExtractOptions): Extraction {
  const segments: Segment[] = [];
  if (options?.fields !== undefined) {
    for (const path of options.fields) readPath(value, path, segments);
    return { shape: "fields", segments };
  }
  if (!isObject(value)) return { shape: "unknown", segments };
  let rank = SHAPE_RANK.length;
  for (const field of AUTO_FIELDS) {
    const v = value[field.key];
    if (typeof v !== "string" && !Array.isArray(v)) continue;
    if (field.shape < rank) rank = field.shape;
    if (field.read === "history") readHistory(v, field.key, segments);
    else readTurns(v, field.key, field.role, segments);
  }
  return { shape: SHAPE_RANK[rank] ?? "unknown", segments };
}

function push(out: Segment[], field: string, role: Role, text: string): void {
  if (text.length > 0 && NON_SPACE.test(text)) out.push({ field, role, text });
}

/**
 * A string, or a list whose items are strings (which take `role`), text parts `{type: "text",
 * text}` (which take `role`) or, unless inside a message already, messages (which carry their
 * own). Used for whole fields, message lists and content-part arrays alike, since datasets nest
 * them every way; nesting stops at messages' content, so no record can recurse deeply.
 */
function readTurns(value: unknown, field: string, role: Role, out: Segment[], inMessage = false): void {
  if (typeof value === "string") {
    push(out, field, role, value);
    return;
  }
  if (!Array.isArray(value)) return;
  for (let i = 0; i < value.length; i++) {
    const item: unknown = value[i];
    if (typeof item === "string") push(out, `${field}[${i}]`, role, item);
    else if (!isObject(item)) continue;
    else if (!inMessage && isMessage(item)) readMessage(item, `${field}[${i}]`, out);
    else if (typeof item.text === "string" && TEXT_PART_TYPES.has(item.type)) {
      push(out, `${field}[${i}].text`, role, item.text);
    }
  }
}

/** Typed parts (`tool_result`, `image_url`) are not messages even when they hold `content`. */
function isMessage(item: Record<string, unknown>): boolean {
  if (item.role !== undefined || item.from !== undefined) return true;
  return item.type === undefined && (item.content !== undefined || item.value !== undefined);
}

/** `{role|from, content|value|text}`; content may be a string, an array of parts, or null. */
function readMessage(message: Record<string, unknown>, field: string, out: Segment[]): void {
  const role = normalizeRole(message.role ?? message.from);
  if (message.content !== undefined) readTurns(message.content, `${field}.content`, role, out, true);
  else if (message.value !== undefined) readTurns(message.value, `${field}.value`, role, out, true);
  else if (message.text !== undefined) readTurns(message.text, `${field}.text`, role, out, true);
}

/** Alpaca/LLaMA-Factory `history`: earlier `[query, answer]` pairs. */
function readHistory(value: unknown, field: string, out: Segment[]): void {
  if (!Array.isArray(value)) return;
  for (let i = 0; i < value.length; i++) {
    const pair: unknown = value[i];
    if (!Array.isArray(pair)) continue;
    if (typeof pair[0] === "string") push(out, `${field}[${i}][0]`, "user", pair[0]);
    if (typeof pair[1] === "string") push(out, `${field}[${i}][1]`, "assistant", pair[1]);
  }
}

/** `--field` mode: the role is the holding object's `role`/`from`, else `none`. */
function readPath(record: unknown, path: FieldPath, out: Segment[]): void {
  for (const match of extractPath(record, path)) {
    const holder = match.container;
    const role = isObject(holder) ? normalizeRole(holder.role ?? holder.from) : "none";
    readTurns(match.value, match.field, role, out);
  }
}
