import type { Readable } from "node:stream";
import { UsageError } from "../errors.js";

/** What a command may touch: output buffers, stdin, the environment. No process globals. */
export interface CommandContext {
  out(text: string): void;
  err(text: string): void;
  setExitCode(code: number): void;
  /** Throws a {@link UsageError}: exit code 2 with the message. */
  usage(message: string): never;
  stdin: Readable | undefined;
  env: Record<string, string | undefined>;
  cwd: string;
  /** stderr is a terminal (progress line allowed). */
  stderrIsTTY: boolean;
  /** stderr's width in columns, when it is a terminal and says so. */
  stderrColumns: number | undefined;
  /**
   * Writes to stderr now, not when the command ends (`err` is collected): progress must show while
   * the scan runs. Without a live stderr (tests), the same as `err`.
   */
  errLive(text: string): void;
  /** Aborts when the process is told to stop (SIGINT, SIGTERM); a long command stops early. */
  signal: AbortSignal | undefined;
}

/** Creates a context that collects output in memory. */
export function createContext(options: {
  stdin?: Readable | undefined;
  env?: Record<string, string | undefined>;
  cwd?: string;
  stderrIsTTY?: boolean;
  stderrColumns?: number | undefined;
  /** The process's stderr, for {@link CommandContext.errLive}. */
  writeStderr?: ((text: string) => void) | undefined;
  signal?: AbortSignal | undefined;
}): CommandContext & { stdout: string[]; stderr: string[]; exitCode: number } {
  const ctx = {
    stdout: [] as string[],
    stderr: [] as string[],
    exitCode: 0,
    out(text: string) {
      ctx.stdout.push(text);
    },
    err(text: string) {
      ctx.stderr.push(text);
    },
    errLive(text: string) {
      if (options.writeStderr) options.writeStderr(text);
      else ctx.stderr.push(text);
    },
    setExitCode(code: number) {
      ctx.exitCode = Math.max(ctx.exitCode, code);
    },
    usage(message: string): never {
      throw new UsageError(message);
    },
    stdin: options.stdin,
    env: options.env ?? {},
    cwd: options.cwd ?? process.cwd(),
    stderrIsTTY: options.stderrIsTTY ?? false,
    stderrColumns: options.stderrColumns,
    signal: options.signal,
  };
  return ctx;
}
