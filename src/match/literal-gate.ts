import { KeyAutomaton } from "./key-automaton.js";

/** Which templates may match in one text, and where, by their required literals. */
export interface LiteralHits {
  /**
   * Indexes of the templates that may match, ascending: those without literals, those with a
   * literal in a window, and, when the whole text was scanned, those with one anywhere.
   */
  templates: readonly number[];
  /** Indexes of the windows, ascending, that wholly contain one of the template's literals. */
  windows(template: number): readonly number[];
}

/**
 * Skips templates that cannot match: every match of a template contains one of its required
 * literals (see `required-literals.ts`), so a template runs only where one of them occurs. One
 * automaton finds the literals of all templates in one pass.
 */
export class LiteralGate {
  private readonly automaton: KeyAutomaton;
  /** Literal id → indexes of the templates that require it. */
  private readonly templatesOf: number[][];
  /** Templates with no required literals: they run everywhere. */
  private readonly ungated: readonly number[];
  private readonly isUngated: Uint8Array;
  /**
   * Per template, while a scan runs: 1 once it may match (ungated ones always). Kept from scan to
   * scan and reset where the scan set it, rather than copied per text.
   */
  private readonly seen: Uint8Array;

  /** `literals[i]`: the literals template `i` requires, or null when it has none. */
  constructor(literals: ReadonlyArray<readonly string[] | null>) {
    const ids = new Map<string, number>();
    const templatesOf: number[][] = [];
    const ungated: number[] = [];
    literals.forEach((set, template) => {
      if (!set) {
        ungated.push(template);
        return;
      }
      for (const literal of set) {
        let id = ids.get(literal);
        if (id === undefined) {
          id = ids.size;
          ids.set(literal, id);
          templatesOf.push([]);
        }
        (templatesOf[id] as number[]).push(template);
      }
    });
    this.automaton = new KeyAutomaton([...ids.keys()]);
    this.templatesOf = templatesOf;
    this.ungated = ungated;
    this.isUngated = new Uint8Array(literals.length);
    for (const t of ungated) this.isUngated[t] = 1;
    this.seen = this.isUngated.slice();
  }

  /**
   * Finds the literals in the `windows` of `text` ([from, to), sorted, disjoint), or in all of it
   * when `whole` (templates without a slot read the whole text).
   */
  scan(text: string, windows: ReadonlyArray<readonly [number, number]>, whole: boolean): LiteralHits {
    const seen = this.seen;
    const templates = [...this.ungated];
    // By template, the windows its literals stand in: a Map, as few templates have any.
    const inWindows = new Map<number, number[]>();
    const lengths = this.automaton.keyLengths;
    let w = 0;
    const onKey = (id: number, start: number) => {
      const end = start + (lengths[id] as number);
      // Keys come in order of their end, so the window that may hold one only moves forward.
      while (w < windows.length && (windows[w] as readonly [number, number])[1] < end) w++;
      const inside = w < windows.length && (windows[w] as readonly [number, number])[0] <= start;
      for (const template of this.templatesOf[id] as number[]) {
        if (seen[template] === 0) {
          seen[template] = 1;
          templates.push(template);
        }
        if (!inside) continue;
        const list = inWindows.get(template);
        if (!list) inWindows.set(template, [w]);
        else if (list[list.length - 1] !== w) list.push(w);
      }
    };
    try {
      if (whole) this.automaton.scan(text, onKey);
      else for (const [from, to] of windows) this.automaton.scan(text, onKey, from, to);
    } finally {
      for (let i = this.ungated.length; i < templates.length; i++) seen[templates[i] as number] = 0;
    }
    let all: number[] | undefined;
    return {
      templates: templates.length > this.ungated.length ? templates.sort((a, b) => a - b) : templates,
      windows: (template) => {
        const list = inWindows.get(template);
        if (list) return list;
        if (this.isUngated[template] === 1) {
          all ??= windows.map((_, i) => i);
          return all;
        }
        return NO_WINDOWS;
      },
    };
  }
}

const NO_WINDOWS: readonly number[] = [];
