import { appendFile, readFile, stat, truncate, writeFile } from "node:fs/promises";
import { z } from "zod";
import { UsageError } from "../errors.js";
import type { ScanCheckpoint } from "../scan-checkpoint.js";
import type { TallySections } from "../tally/tally.js";
import type { Hit } from "../types.js";
import { closeOutput, type OutputStream, openOutput } from "./output-files.js";

const headerSchema = z.object({ schema: z.literal("selfid.resume/1"), fingerprint: z.string() });

/** One finished share: its counts, and the length of the hits file once its hits were written. */
const entrySchema = z.object({
  // Written by this program from a Tally; the fingerprint vouches for it, not field by field.
  sections: z.custom<TallySections>((value) => typeof value === "object" && value !== null),
  hitsBytes: z.number().int().nonnegative(),
});

/**
 * `--resume` for a scan without `--emit`: a log beside the report (`REPORT.resume.jsonl`) with a
 * header naming the run's settings and one line per finished share, appended once the share's
 * hits are written; and the hits file, which it owns. A resumed run keeps the entries whose hits
 * the file still holds in full, cuts the file back to where the last of them ended (a kill can
 * leave half a line), and appends. The log stays after the run: resuming a finished run reads
 * nothing and writes the same report.
 */
export class ResumeLog implements ScanCheckpoint {
  private hits: OutputStream | undefined;
  private hitsBytes = 0;

  constructor(
    private readonly logPath: string,
    private readonly hitsPath: string | undefined,
  ) {}

  /** Writes one hit to the hits file (the scan's `onHit`). */
  hit(hit: Hit): void {
    const line = `${JSON.stringify(hit)}\n`;
    this.hitsBytes += Buffer.byteLength(line);
    this.hits?.write(line);
  }

  async finished(fingerprint: string): Promise<TallySections[]> {
    const entries = await this.readEntries(fingerprint);
    let kept = entries;
    if (this.hitsPath !== undefined) {
      const size = await fileSize(this.hitsPath);
      kept = [];
      for (const entry of entries) {
        if (entry.hitsBytes > size) break;
        kept.push(entry);
      }
      this.hitsBytes = kept[kept.length - 1]?.hitsBytes ?? 0;
      if (size > this.hitsBytes) await truncate(this.hitsPath, this.hitsBytes);
      this.hits = await openOutput("--hits", this.hitsPath, this.hitsBytes > 0);
    }
    // The log is written again with only the entries kept: a line a kill cut short is gone.
    const lines = [{ schema: "selfid.resume/1", fingerprint }, ...kept].map(
      (line) => `${JSON.stringify(line)}\n`,
    );
    await writeFile(this.logPath, lines.join(""));
    return kept.map((entry) => entry.sections);
  }

  async done(sections: TallySections): Promise<void> {
    const hits = this.hits;
    // The entry may only claim hits that are in the file: wait until they are handed to it.
    if (hits) await new Promise<void>((written) => hits.write("", () => written()));
    await appendFile(this.logPath, `${JSON.stringify({ sections, hitsBytes: this.hitsBytes })}\n`);
  }

  /** Closes the hits file (after the scan, whatever its outcome). */
  async close(): Promise<void> {
    if (this.hits) await closeOutput(this.hits);
  }

  /** The entries of an earlier run's log: none when there is none; refused when its settings differ. */
  private async readEntries(fingerprint: string): Promise<Array<z.infer<typeof entrySchema>>> {
    let text: string;
    try {
      text = await readFile(this.logPath, "utf8");
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
      throw new UsageError(`--resume: cannot read ${this.logPath} (${(error as Error).message})`);
    }
    const lines = text.split("\n");
    const header = headerSchema.safeParse(parseLine(lines[0] ?? ""));
    if (!header.success) {
      // Nothing was recorded yet (killed while writing the header): start afresh.
      if (lines.length <= 2 && lines.slice(1).every((line) => line === "")) return [];
      throw new UsageError(`--resume: ${this.logPath} is not a selfid resume log; delete it to start again`);
    }
    if (header.data.fingerprint !== fingerprint) {
      throw new UsageError(
        `--resume: ${this.logPath} belongs to a run with other inputs, options, shard, patterns or selfid version; pass the same ones, or delete it to start again`,
      );
    }
    const entries: Array<z.infer<typeof entrySchema>> = [];
    for (const line of lines.slice(1)) {
      const entry = entrySchema.safeParse(parseLine(line));
      // Entries come in plan order: the first bad one (a line cut short) ends what can be used.
      if (!entry.success) break;
      entries.push(entry.data);
    }
    return entries;
  }
}

async function fileSize(path: string): Promise<number> {
  try {
    return (await stat(path)).size;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return 0;
    throw new UsageError(`--hits ${path}: cannot read (${(error as Error).message})`);
  }
}

function parseLine(line: string): unknown {
  try {
    return JSON.parse(line);
  } catch {
    return undefined;
  }
}
