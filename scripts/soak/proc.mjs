// Memory of a running process, read from /proc once a second: VmRSS and friends of the process and
// of any process it started (worker threads share the process's memory, so they are in its VmRSS
// already; child processes are not, so they are added).

import { readdirSync, readFileSync } from "node:fs";

const KB = 1024 / 1e6; // /proc's "kB" are KiB; results are in MB (10^6 bytes), as in the bench

/** The `Vm*`/`Rss*` lines and `Threads` of /proc/PID/status, in MB (threads as a count); null once gone. */
export function readStatus(pid) {
  let text;
  try {
    text = readFileSync(`/proc/${pid}/status`, "utf8");
  } catch {
    return null;
  }
  const field = (name) => {
    const m = new RegExp(`^${name}:\\s+(\\d+)`, "m").exec(text);
    return m ? Number(m[1]) : null;
  };
  const mb = (name) => {
    const v = field(name);
    return v === null ? null : v * KB;
  };
  // A zombie has no memory lines left: treat it as gone.
  if (field("VmRSS") === null) return null;
  return {
    rss: mb("VmRSS"),
    hwm: mb("VmHWM"),
    anon: mb("RssAnon"),
    file: mb("RssFile"),
    threads: field("Threads"),
  };
}

/** PID and every process below it (from /proc/PID/task/TID/children). */
export function processTree(pid) {
  const out = [];
  const visit = (p) => {
    out.push(p);
    let tasks = [];
    try {
      tasks = readdirSync(`/proc/${p}/task`);
    } catch {
      return;
    }
    for (const tid of tasks) {
      let children = "";
      try {
        children = readFileSync(`/proc/${p}/task/${tid}/children`, "utf8");
      } catch {
        continue;
      }
      for (const c of children.split(" ").filter(Boolean)) visit(Number(c));
    }
  };
  visit(pid);
  return out;
}

/** Bytes the process has read so far by any syscall (`rchar` of /proc/PID/io); null once gone. */
export function readBytesRead(pid) {
  try {
    const m = /^rchar:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/io`, "utf8"));
    return m ? Number(m[1]) : null;
  } catch {
    return null;
  }
}

/** Whether this kernel exposes what the sampler needs (Linux /proc with VmRSS). */
export const procAvailable = () => readStatus(process.pid) !== null;

/**
 * Samples a process every `intervalMs`: seconds since start, `bytes()` (input so far), and the
 * memory of the process tree (VmRSS summed over it; VmHWM, RssAnon, RssFile and threads of the
 * root process). Call `stop()` once it has exited; the samples are in `samples`.
 */
export function startSampler(pid, bytes, intervalMs, onSample = () => {}) {
  const start = process.hrtime.bigint();
  const samples = [];
  const take = () => {
    const root = readStatus(pid);
    if (root === null) return;
    const tree = processTree(pid);
    let rss = root.rss;
    for (const p of tree.slice(1)) rss += readStatus(p)?.rss ?? 0;
    const sample = {
      t: Number(process.hrtime.bigint() - start) / 1e9,
      bytes: bytes(),
      rssMB: rss,
      hwmMB: root.hwm,
      anonMB: root.anon,
      fileMB: root.file,
      threads: root.threads,
      processes: tree.length,
    };
    samples.push(sample);
    onSample(sample);
  };
  take();
  const timer = setInterval(take, intervalMs);
  return {
    samples,
    /** Takes one last sample if the process is still there, and stops. */
    stop() {
      clearInterval(timer);
      take();
    },
  };
}
