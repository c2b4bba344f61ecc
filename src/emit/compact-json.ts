const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/** Space, tab, `\n` and `\r`: JSON's insignificant whitespace. */
export function isJsonSpace(byte: number): boolean {
  return byte === 0x20 || byte === 0x09 || byte === 0x0a || byte === 0x0d;
}

/**
 * A JSON text without the whitespace between its tokens, so a pretty-printed array element fits on
 * one JSONL line. Every other byte stays as it was (strings, escapes, number spellings), unlike a
 * parse and re-serialise. Returns the input itself when there is nothing to remove.
 */
export function compactJson(json: Uint8Array): Uint8Array {
  let inString = false;
  let escaped = false;
  // Allocated at the first space to drop; until then the input is kept as it is.
  let out: Buffer | undefined;
  let n = 0;
  for (let i = 0; i < json.length; i++) {
    const byte = json[i] as number;
    if (inString) {
      if (escaped) escaped = false;
      else if (byte === BACKSLASH) escaped = true;
      else if (byte === QUOTE) inString = false;
    } else if (byte === QUOTE) {
      inString = true;
    } else if (isJsonSpace(byte)) {
      if (out === undefined) {
        out = Buffer.allocUnsafe(json.length);
        out.set(json.subarray(0, i));
        n = i;
      }
      continue;
    }
    if (out !== undefined) out[n++] = byte;
  }
  return out === undefined ? json : out.subarray(0, n);
}
