/**
 * Aho–Corasick over UTF-16 code units: finds every occurrence of a set of literal keys in one pass,
 * whatever their number. A V8 alternation of a few hundred names tries each at every position and
 * runs at a few MB/s; this runs at the speed of a loop over the text. ASCII transitions are a full
 * DFA table (most text is ASCII); other characters follow goto maps and failure links.
 */
export class KeyAutomaton {
  /**
   * ASCII transitions, `width` per state. Columns are the ASCII characters that occur in keys
   * (column 0 stands for all others, which lead back to the root): a 128-wide table of ten
   * thousand states does not stay in cache.
   */
  private readonly ascii: Int32Array;
  private readonly columns: Uint8Array;
  /** `columns` as normalisation sees ASCII: capitals read as small letters, `*` (dropped) as {@link SKIP}. */
  private readonly foldedColumns: Uint8Array;
  private readonly width: number;
  private readonly gotoMaps: Array<Map<number, number>>;
  private readonly fail: Int32Array;
  /** Key ids that end in each state (own and inherited through failure links): `outputIds[outputStart[s]…outputStart[s+1]]`. */
  private readonly outputStart: Int32Array;
  private readonly outputIds: Int32Array;
  readonly keyLengths: readonly number[];

  constructor(keys: readonly string[]) {
    const gotoMaps: Array<Map<number, number>> = [new Map()];
    const own: number[][] = [[]];
    const columns = new Uint8Array(128);
    let width = 1;
    keys.forEach((key, id) => {
      let state = 0;
      for (let i = 0; i < key.length; i++) {
        const c = key.charCodeAt(i);
        if (c < 128 && columns[c] === 0) columns[c] = width++;
        let next = gotoMaps[state]?.get(c);
        if (next === undefined) {
          next = gotoMaps.length;
          gotoMaps.push(new Map());
          own.push([]);
          gotoMaps[state]?.set(c, next);
        }
        state = next;
      }
      own[state]?.push(id);
    });

    const fail = new Int32Array(gotoMaps.length);
    const outputs: number[][] = own.map((o) => [...o]);
    const order: number[] = [];
    const queue: number[] = [];
    for (const next of gotoMaps[0]?.values() ?? []) queue.push(next);
    for (let head = 0; head < queue.length; head++) {
      const state = queue[head] as number;
      order.push(state);
      for (const [c, next] of gotoMaps[state] ?? []) {
        let f = fail[state] as number;
        while (f !== 0 && !gotoMaps[f]?.has(c)) f = fail[f] as number;
        const target = gotoMaps[f]?.get(c);
        fail[next] = target !== undefined && target !== next ? target : 0;
        outputs[next]?.push(...(outputs[fail[next] as number] ?? []));
        queue.push(next);
      }
    }

    // Full ASCII table in breadth-first order, so a state's failure row is complete before it.
    const ascii = new Int32Array(gotoMaps.length * width);
    const used: Array<[number, number]> = [];
    columns.forEach((column, c) => {
      if (column > 0) used.push([c, column]);
    });
    for (const [c, column] of used) ascii[column] = gotoMaps[0]?.get(c) ?? 0;
    for (const state of order) {
      const row = state * width;
      const failRow = (fail[state] as number) * width;
      const goto = gotoMaps[state] as Map<number, number>;
      for (const [c, column] of used)
        ascii[row + column] = goto.get(c) ?? (ascii[failRow + column] as number);
    }
    const outputStart = new Int32Array(gotoMaps.length + 1);
    for (let state = 0; state < gotoMaps.length; state++) {
      outputStart[state + 1] = (outputStart[state] as number) + (outputs[state]?.length ?? 0);
    }
    this.outputIds = Int32Array.from(outputs.flat());
    this.outputStart = outputStart;
    this.ascii = ascii;
    this.columns = columns;
    this.foldedColumns = columns.map((column, c) =>
      c === 0x2a ? SKIP : c >= 0x41 && c <= 0x5a ? (columns[c + 0x20] as number) : column,
    );
    this.width = width;
    this.gotoMaps = gotoMaps;
    this.fail = fail;
    this.keyLengths = keys.map((k) => k.length);
  }

  /**
   * Calls `onKey(keyId, start)` for every occurrence of every key in `text` (or in its
   * [from, to) range, as if that were the whole text), in order of their end.
   */
  scan(text: string, onKey: (keyId: number, start: number) => void, from = 0, to = text.length): void {
    const { outputStart, outputIds, keyLengths } = this;
    let state = 0;
    for (let i = from; i < to; i++) {
      state = this.step(state, text.charCodeAt(i));
      const end = outputStart[state + 1] as number;
      for (let k = outputStart[state] as number; k < end; k++) {
        const id = outputIds[k] as number;
        onKey(id, i + 1 - (keyLengths[id] as number));
      }
    }
  }

  /** True when any key occurs in the text. */
  test(text: string): boolean {
    const { outputStart } = this;
    let state = 0;
    for (let i = 0; i < text.length; i++) {
      state = this.step(state, text.charCodeAt(i));
      if (outputStart[state + 1] !== outputStart[state]) return true;
    }
    return false;
  }

  /**
   * {@link test} of the normalized form of plain-ASCII text (lower-cased, `*` dropped) without
   * building it: nothing to allocate for the common text that names no model. Undefined when the
   * text has a character beyond ASCII before any key is found (normalisation can change those).
   * Keys are normalized text themselves, so they hold no capitals and no `*`.
   */
  testAscii(text: string): boolean | undefined {
    const { ascii, width, foldedColumns, outputStart } = this;
    let state = 0;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c >= 128) return undefined;
      const column = foldedColumns[c] as number;
      if (column === SKIP) continue;
      state = ascii[state * width + column] as number;
      if (outputStart[state + 1] !== outputStart[state]) return true;
    }
    return false;
  }

  private step(state: number, c: number): number {
    if (c < 128) return this.ascii[state * this.width + (this.columns[c] as number)] as number;
    let s = state;
    for (;;) {
      const next = this.gotoMaps[s]?.get(c);
      if (next !== undefined) return next;
      if (s === 0) return 0;
      s = this.fail[s] as number;
    }
  }
}

/** A folded column that leaves the state as it is (a character normalisation drops). */
const SKIP = 255;
