const REASONS: Record<string, string> = {
  ENOENT: "no such file or directory",
  ENOTDIR: "no such file or directory",
  EACCES: "permission denied",
  EPERM: "permission denied",
  EISDIR: "is a directory",
  ELOOP: "too many levels of symbolic links",
  EMFILE: "too many open files",
};

/**
 * A file-system error as the lower-case phrase a message can end with. Node's own messages repeat
 * the syscall and the absolute path, which our messages already say better.
 */
export function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code !== undefined && code in REASONS) return REASONS[code] as string;
  return error instanceof Error ? error.message : String(error);
}
