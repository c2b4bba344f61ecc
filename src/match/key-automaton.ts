/**
 * Aho–Corasick over UTF-16 code units: finds every occurrence of a set of literal keys in one pass,
 * whatever their number. A V8 alternation of a few hundred names tries each at every position and
 * runs at a few MB/s; this runs at the speed of a loop over the text. ASCII transitions are a full
 * DFA table (most text is ASCII); other characters follow goto maps and failure links.
 */
export class KeyAutomaton {
  private readonly ascii: Int32Array;
  private readonly gotoMaps: Array<Map<number, number>>;
  private readonly fail: Int32Array;
  /** Key ids that end in each state (own and inherited through failure links). */
  private readonly outputs: Array<readonly number[]>;
  readonly keyLengths: readonly number[];

  constructor(keys: readonly string[]) {
    const gotoMaps: Array<Map<number, number>> = [new Map()];
    const own: number[][] = [[]];
    keys.forEach((key, id) => {
      let state = 0;
      for (let i = 0; i < key.length; i++) {
        const c = key.charCodeAt(i);
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
    const ascii = new Int32Array(gotoMaps.length * 128);
    for (let c = 0; c < 128; c++) ascii[c] = gotoMaps[0]?.get(c) ?? 0;
    for (const state of order) {
      const f = fail[state] as number;
      for (let c = 0; c < 128; c++) {
        ascii[state * 128 + c] = gotoMaps[state]?.get(c) ?? (ascii[f * 128 + c] as number);
      }
    }
    this.ascii = ascii;
    this.gotoMaps = gotoMaps;
    this.fail = fail;
    this.outputs = outputs;
    this.keyLengths = keys.map((k) => k.length);
  }

  /** Calls `onKey(keyId, start)` for every occurrence of every key, in order of their end. */
  scan(text: string, onKey: (keyId: number, start: number) => void): void {
    let state = 0;
    for (let i = 0; i < text.length; i++) {
      state = this.step(state, text.charCodeAt(i));
      const out = this.outputs[state] as readonly number[];
      for (let k = 0; k < out.length; k++) {
        const id = out[k] as number;
        onKey(id, i + 1 - (this.keyLengths[id] as number));
      }
    }
  }

  /** True when any key occurs in the text. */
  test(text: string): boolean {
    let state = 0;
    for (let i = 0; i < text.length; i++) {
      state = this.step(state, text.charCodeAt(i));
      if ((this.outputs[state] as readonly number[]).length > 0) return true;
    }
    return false;
  }

  private step(state: number, c: number): number {
    if (c < 128) return this.ascii[state * 128 + c] as number;
    let s = state;
    for (;;) {
      const next = this.gotoMaps[s]?.get(c);
      if (next !== undefined) return next;
      if (s === 0) return 0;
      s = this.fail[s] as number;
    }
  }
}
