import { continuesWord } from "./word-boundary.js";

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
  /** Every trie edge: `state * UNITS + code unit` → the state it leads to (non-ASCII steps use it). */
  private readonly edges: Map<number, number>;
  private readonly fail: Int32Array;
  /** Key ids that end in each state (own and inherited through failure links): `outputIds[outputStart[s]…outputStart[s+1]]`. */
  private readonly outputStart: Int32Array;
  private readonly outputIds: Int32Array;
  readonly keyLengths: readonly number[];
  private readonly marks: KeyMarks;
  /** Per group, while testFolded reads a text: a conditional key of it stood; a companion of it occurred. */
  private readonly needed: Uint8Array;
  private readonly seen: Uint8Array;
  /**
   * {@link ascii} as row offsets, negated (~) where the next state ends a key: one load and one
   * test per character in testFolded. Built on its first call (the literal gate never makes one).
   */
  private rowTable: Int32Array | undefined;

  /**
   * @param keys the literals, each as normalized text; a key's id is its index.
   * @param marks what {@link testFolded} asks of each key's occurrences. @default none: every key counts
   */
  constructor(keys: readonly string[], marks?: KeyMarks) {
    // The trie, in typed arrays and one Map of edges (state × 2^16 + code unit → state): a Map per
    // state made ~13,000 long-lived objects, a fifth of a thread's start-up with the GC they cost.
    const capacity = keys.reduce((sum, key) => sum + key.length, 1);
    const edges = new Map<number, number>();
    const firstChild = new Int32Array(capacity).fill(-1);
    const nextSibling = new Int32Array(capacity).fill(-1);
    const unitInto = new Uint16Array(capacity);
    // The ids of the keys that end in each state, ascending: a list through `ownNext`.
    const ownFirst = new Int32Array(capacity).fill(-1);
    const ownLast = new Int32Array(capacity).fill(-1);
    const ownNext = new Int32Array(keys.length).fill(-1);
    const ownCount = new Int32Array(capacity);
    const columns = new Uint8Array(128);
    let width = 1;
    let states = 1;
    keys.forEach((key, id) => {
      let state = 0;
      for (let i = 0; i < key.length; i++) {
        const c = key.charCodeAt(i);
        if (c < 128 && columns[c] === 0) columns[c] = width++;
        const edge = state * UNITS + c;
        let next = edges.get(edge);
        if (next === undefined) {
          next = states++;
          edges.set(edge, next);
          unitInto[next] = c;
          nextSibling[next] = firstChild[state] as number;
          firstChild[state] = next;
        }
        state = next;
      }
      if (ownFirst[state] === -1) ownFirst[state] = id;
      else ownNext[ownLast[state] as number] = id;
      ownLast[state] = id;
      ownCount[state] = (ownCount[state] as number) + 1;
    });

    // Failure links, breadth first: a state's link is shallower, so it is set before the state's.
    const fail = new Int32Array(states);
    const order = new Int32Array(states);
    let tail = 0;
    for (let child = firstChild[0] as number; child !== -1; child = nextSibling[child] as number) {
      order[tail++] = child;
    }
    const depthOne = tail;
    for (let head = 0; head < tail; head++) {
      const state = order[head] as number;
      for (let next = firstChild[state] as number; next !== -1; next = nextSibling[next] as number) {
        const c = unitInto[next] as number;
        let f = fail[state] as number;
        let target = edges.get(f * UNITS + c);
        while (target === undefined && f !== 0) {
          f = fail[f] as number;
          target = edges.get(f * UNITS + c);
        }
        fail[next] = target !== undefined && target !== next ? target : 0;
        order[tail++] = next;
      }
    }

    // A state's outputs: its own keys, then those of its failure link. The root's children take
    // none from the root (whose only output would be an empty key): as this automaton always did.
    const inherits = (head: number): boolean => head >= depthOne;
    const outputStart = new Int32Array(states + 1);
    const count = new Int32Array(states);
    count[0] = ownCount[0] as number;
    for (let head = 0; head < tail; head++) {
      const state = order[head] as number;
      const inherited = inherits(head) ? (count[fail[state] as number] as number) : 0;
      count[state] = (ownCount[state] as number) + inherited;
    }
    for (let state = 0; state < states; state++) {
      outputStart[state + 1] = (outputStart[state] as number) + (count[state] as number);
    }
    const outputIds = new Int32Array(outputStart[states] as number);
    const fillOutputs = (state: number, inherited: boolean): void => {
      let at = outputStart[state] as number;
      for (let id = ownFirst[state] as number; id !== -1; id = ownNext[id] as number) outputIds[at++] = id;
      if (!inherited) return;
      const f = fail[state] as number;
      outputIds.copyWithin(at, outputStart[f] as number, outputStart[f + 1] as number);
    };
    fillOutputs(0, false);
    for (let head = 0; head < tail; head++) fillOutputs(order[head] as number, inherits(head));

    // Full ASCII table in breadth-first order: each row starts as its failure row, which is
    // complete before it, and takes the state's own ASCII edges.
    const ascii = new Int32Array(states * width);
    const setEdges = (state: number): void => {
      const row = state * width;
      for (let next = firstChild[state] as number; next !== -1; next = nextSibling[next] as number) {
        const c = unitInto[next] as number;
        if (c < 128) ascii[row + (columns[c] as number)] = next;
      }
    };
    setEdges(0);
    for (let head = 0; head < tail; head++) {
      const state = order[head] as number;
      const failRow = (fail[state] as number) * width;
      ascii.copyWithin(state * width, failRow, failRow + width);
      setEdges(state);
    }
    this.outputIds = outputIds;
    this.outputStart = outputStart;
    this.ascii = ascii;
    this.columns = columns;
    this.foldedColumns = columns.map((column, c) =>
      c === 0x2a ? SKIP : c >= 0x41 && c <= 0x5a ? (columns[c + 0x20] as number) : column,
    );
    this.width = width;
    this.edges = edges;
    this.fail = fail;
    this.keyLengths = keys.map((k) => k.length);
    this.marks = marks ?? {
      before: new Uint8Array(keys.length),
      after: new Uint8Array(keys.length),
      kind: new Uint8Array(keys.length),
      group: new Int32Array(keys.length).fill(-1),
      completes: [],
      groups: 0,
    };
    this.needed = new Uint8Array(this.marks.groups);
    this.seen = new Uint8Array(this.marks.groups);
  }

  /**
   * Calls `onKey(keyId, start)` for every occurrence of every key in `text` (or in its
   * [from, to) range, as if that were the whole text), in order of their end, until it returns true.
   */
  scan(text: string, onKey: (keyId: number, start: number) => unknown, from = 0, to = text.length): void {
    const { outputStart, outputIds, keyLengths } = this;
    let state = 0;
    for (let i = from; i < to; i++) {
      state = this.step(state, text.charCodeAt(i));
      const end = outputStart[state + 1] as number;
      for (let k = outputStart[state] as number; k < end; k++) {
        const id = outputIds[k] as number;
        if (onKey(id, i + 1 - (keyLengths[id] as number)) === true) return;
      }
    }
  }

  /**
   * Whether a key stands in the normalized form of `text` with the boundaries its marks ask for,
   * read from the text as it is, without building that form: the common text names no model, and
   * this settles it with no allocation. ASCII is lower-cased and `*` dropped here, as
   * normalisation does; `formAt(text, i)` gives the normalized form of the other characters
   * (a surrogate pair is one), or undefined for one whose form depends on its neighbours.
   *
   * @returns {@link KEY} when a strong key stands there; {@link WEAK_KEY} when a weak one does, or a
   *   conditional one with a companion of its group, or a strong one after a star or a character
   *   beyond ASCII (whose boundary the text as it is cannot show), whichever comes first;
   *   {@link NO_KEY} when none does; {@link UNDECIDED} when `formAt` gave up first.
   */
  testFolded(text: string, formAt: (text: string, i: number) => string | undefined): FoldedTest {
    const { width, foldedColumns, outputStart } = this;
    this.rowTable ??= this.ascii.map((next) => {
      const row = next * width;
      return outputStart[next + 1] === outputStart[next] ? row : ~row;
    });
    const rows = this.rowTable;
    let row = 0;
    // Normalized units read; from which of them on unit `u` is `text[u + shift]` (no star dropped,
    // no other character since); the boundary classes keys that just ended need after themselves.
    let read = 0;
    let shift = 0;
    let regularFrom = 0;
    let pending = 0;
    if (this.marks.groups > 0) {
      this.needed.fill(0);
      this.seen.fill(0);
    }
    const n = text.length;
    for (let i = 0; i < n; i++) {
      const c = text.charCodeAt(i);
      if (c < 128) {
        const column = foldedColumns[c] as number;
        if (column === SKIP) {
          shift++;
          regularFrom = read;
          continue;
        }
        if (pending !== 0) {
          if (endsWord(pending, c >= 0x41 && c <= 0x5a ? c + 0x20 : c)) return KEY;
          pending = 0;
        }
        read++;
        const next = rows[row + column] as number;
        if (next >= 0) {
          row = next;
          continue;
        }
        row = ~next;
        const found = this.keysStanding(row / width, read, text, shift, regularFrom, read);
        if ((found & ANSWER) !== NO_KEY) return (found & ANSWER) as FoldedTest;
        pending = found >> PENDING_SHIFT;
        continue;
      }
      const form = formAt(text, i);
      if (form === undefined) return UNDECIDED;
      let state = row / width;
      const formStart = read;
      for (let k = 0; k < form.length; k++) {
        const unit = form.charCodeAt(k);
        if (pending !== 0) {
          if (endsWord(pending, unit)) return KEY;
          pending = 0;
        }
        read++;
        state = this.step(state, unit);
        if (outputStart[state + 1] !== outputStart[state]) {
          // Units of a form have no place in the text; those before it still have theirs.
          const found = this.keysStanding(state, read, text, shift, regularFrom, formStart);
          if ((found & ANSWER) !== NO_KEY) return (found & ANSWER) as FoldedTest;
          pending = found >> PENDING_SHIFT;
        }
      }
      row = state * width;
      const width16 = c >= 0xd800 && c <= 0xdbff && i + 1 < n ? 2 : 1;
      i += width16 - 1;
      shift += width16 - form.length;
      regularFrom = read;
    }
    // The end of the text is a boundary.
    return pending !== 0 ? KEY : NO_KEY;
  }

  /**
   * What the keys ending in `state`, after `read` normalized units, say (units
   * [`regularFrom`, `regularTo`) being `text[unit + shift]`, lower-cased): {@link KEY},
   * {@link WEAK_KEY}, or {@link NO_KEY} to read on, in the {@link ANSWER} bits; above
   * {@link PENDING_SHIFT}, the boundary classes that strong keys among them need after themselves,
   * which the next unit settles.
   */
  private keysStanding(
    state: number,
    read: number,
    text: string,
    shift: number,
    regularFrom: number,
    regularTo: number,
  ): number {
    const { outputStart, outputIds, keyLengths, marks } = this;
    let pending = 0;
    const end = outputStart[state + 1] as number;
    for (let k = outputStart[state] as number; k < end; k++) {
      const id = outputIds[k] as number;
      const groups = marks.completes[id];
      if (groups !== undefined) {
        for (const group of groups) {
          if (this.needed[group] === 1) return WEAK_KEY;
          this.seen[group] = 1;
        }
      }
      const kind = marks.kind[id] as number;
      if (kind === COMPANION) continue;
      const before = marks.before[id] as number;
      // The unit before the key, read from the text where it still shows it; where it does not (a
      // star or a character beyond ASCII came between), only a closer look can tell.
      const previous = read - (keyLengths[id] as number) - 1;
      let unsure = false;
      if (before !== 0 && previous >= 0) {
        if (previous >= regularFrom && previous < regularTo) {
          const c = text.charCodeAt(previous + shift);
          if (continuesWord(before, c >= 0x41 && c <= 0x5a ? c + 0x20 : c)) continue;
        } else {
          unsure = true;
        }
      }
      if (kind === WEAK) return WEAK_KEY;
      if (kind === CONDITIONAL) {
        const group = marks.group[id] as number;
        if (this.seen[group] === 1) return WEAK_KEY;
        this.needed[group] = 1;
        continue;
      }
      if (unsure) return WEAK_KEY;
      const after = marks.after[id] as number;
      if (after === 0) return KEY;
      pending |= 1 << after;
    }
    return pending << PENDING_SHIFT;
  }

  private step(state: number, c: number): number {
    if (c < 128) return this.ascii[state * this.width + (this.columns[c] as number)] as number;
    let s = state;
    for (;;) {
      const next = this.edges.get(s * UNITS + c);
      if (next !== undefined) return next;
      if (s === 0) return 0;
      s = this.fail[s] as number;
    }
  }
}

/** Code units: the stride of a state in {@link KeyAutomaton}'s edge keys. */
const UNITS = 0x10000;

/** A folded column that leaves the state as it is (a character normalisation drops). */
const SKIP = 255;

/** What a key's occurrences say in {@link KeyAutomaton.testFolded}, per key id. */
export interface KeyMarks {
  /** Boundary class (`word-boundary.ts`) whose letters may not stand just before the key; 0: none. */
  before: Uint8Array;
  /** The same just after the key (strong keys only). */
  after: Uint8Array;
  /** {@link STRONG}, {@link WEAK}, {@link CONDITIONAL} or {@link COMPANION}. */
  kind: Uint8Array;
  /** A conditional key's group: the companions one of which must occur too. */
  group: Int32Array;
  /** Per key id, the groups it is a companion of (any key may also be a companion). */
  completes: ReadonlyArray<readonly number[] | undefined>;
  /** Number of groups. */
  groups: number;
}

/** A key that stands there settles it. */
export const STRONG = 0;
/** A key too common to settle anything: standing there, it only says "look closer". */
export const WEAK = 1;
/** Says "look closer" when it stands there and a companion of its group occurs too. */
export const CONDITIONAL = 2;
/** Only a companion: says nothing by itself. */
export const COMPANION = 3;

/** {@link KeyAutomaton.keysStanding}'s answer bits, and where the pending boundary classes start. */
const ANSWER = 3;
const PENDING_SHIFT = 2;

/** Whether `unit` ends the word of a key left pending: no letter of one of its classes. */
function endsWord(pending: number, unit: number): boolean {
  for (let boundary = 1; 1 << boundary <= pending; boundary++) {
    if ((pending & (1 << boundary)) !== 0 && !continuesWord(boundary, unit)) return true;
  }
  return false;
}

/** {@link KeyAutomaton.testFolded}'s answers. */
export type FoldedTest = typeof NO_KEY | typeof KEY | typeof WEAK_KEY | typeof UNDECIDED;
export const NO_KEY = 0;
export const KEY = 1;
export const WEAK_KEY = 2;
export const UNDECIDED = 3;
