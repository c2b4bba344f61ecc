import { appendFile, readFile } from "node:fs/promises";
import { join } from "node:path";
import { z } from "zod";
import { UsageError } from "../errors.js";
import type { TallySections } from "../tally/tally.js";

/** The checkpoint file's name inside the emit directory. */
export const CHECKPOINT_FILE = ".selfid-checkpoint.jsonl";

const manifestInputSchema = z.object({
  source: z.string(),
  path: z.string(),
  read: z.number(),
  clean: z.number(),
  flagged: z.number(),
  errors: z.number(),
  failed: z.string().optional(),
  /** How the outputs differ from the input beyond the split (a Parquet codec that could not be kept). */
  note: z.string().optional(),
});

const manifestFileSchema = z.object({
  path: z.string(),
  source: z.string(),
  kind: z.enum(["clean", "flagged", "errors", "reasons"]),
  records: z.number(),
  bytes: z.number(),
  sha256: z.string(),
});

/** One finished input: what the manifest says of it, its report counts, and where the hits file ended. */
const entrySchema = z.object({
  input: manifestInputSchema,
  /** The input's size when it was read; a resumed run refuses an input that changed. */
  size: z.number().nullable(),
  files: z.array(manifestFileSchema),
  // Written by this program from a Tally; checked by the fingerprint, not field by field.
  sections: z.custom<TallySections>((value) => typeof value === "object" && value !== null),
  /** Length of the hits file after this input's hits. */
  hitsBytes: z.number(),
});

export type CheckpointEntry = z.infer<typeof entrySchema>;
export type ManifestInput = z.infer<typeof manifestInputSchema>;
export type ManifestFile = z.infer<typeof manifestFileSchema>;

const headerSchema = z.object({ schema: z.literal("selfid.checkpoint/1"), fingerprint: z.string() });

/**
 * `DIR/.selfid-checkpoint.jsonl`: a header naming the run's settings, then one line per input whose
 * outputs are complete, appended when they are. `--resume` reads it to skip those inputs. A line
 * cut short by a kill is ignored: that input simply runs again.
 */
export class Checkpoint {
  private constructor(private readonly path: string) {}

  /** Starts a new checkpoint file for a run with these settings. */
  static async create(dir: string, fingerprint: string): Promise<Checkpoint> {
    const checkpoint = new Checkpoint(join(dir, CHECKPOINT_FILE));
    await appendFile(checkpoint.path, `${JSON.stringify({ schema: "selfid.checkpoint/1", fingerprint })}\n`, {
      flag: "w",
    });
    return checkpoint;
  }

  /**
   * The finished inputs of an earlier run into `dir`, for `--resume`; null when there is no
   * checkpoint. Throws a {@link UsageError} when it was written with other settings.
   */
  static async read(
    dir: string,
    fingerprint: string,
  ): Promise<{ checkpoint: Checkpoint; entries: CheckpointEntry[] } | null> {
    const path = join(dir, CHECKPOINT_FILE);
    let text: string;
    try {
      text = await readFile(path, "utf8");
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
      throw new UsageError(`--resume: cannot read ${path} (${(error as Error).message})`);
    }
    const lines = text.split("\n");
    const header = headerSchema.safeParse(parseLine(lines[0] ?? ""));
    if (!header.success) throw new UsageError(`--resume: ${path} is not a selfid checkpoint`);
    if (header.data.fingerprint !== fingerprint) {
      throw new UsageError(
        `--resume: the run in ${dir} used other inputs, options, patterns or selfid version; pass the same ones, or --overwrite to start again`,
      );
    }
    const entries: CheckpointEntry[] = [];
    for (const line of lines.slice(1)) {
      const entry = entrySchema.safeParse(parseLine(line));
      if (entry.success) entries.push(entry.data);
    }
    return { checkpoint: new Checkpoint(path), entries };
  }

  /** Records a finished input (after its files were renamed to their final names). */
  append(entry: CheckpointEntry): Promise<void> {
    return appendFile(this.path, `${JSON.stringify(entry)}\n`);
  }
}

function parseLine(line: string): unknown {
  try {
    return JSON.parse(line);
  } catch {
    return undefined;
  }
}
