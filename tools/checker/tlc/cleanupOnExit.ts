// Runs in flight (a TLC process and its private temp dir) are cleaned up if Node exits or receives
// SIGINT/SIGTERM before they finish: the process is killed, the dir removed, then the signal re-raised
// so that Node still ends the way the sender asked. Handlers are installed only while runs are active.
import { rmSync } from "node:fs";

export interface TrackedRun {
  dir: string;
  pid?: number;
}

const active = new Set<TrackedRun>();
const SIGNALS = ["SIGINT", "SIGTERM"] as const;

function cleanUpAll(): void {
  for (const run of active) {
    if (run.pid !== undefined) {
      try {
        process.kill(run.pid, "SIGKILL");
      } catch {
        // already gone
      }
    }
    removeDirSync(run.dir);
  }
  active.clear();
}

function onSignal(signal: NodeJS.Signals): void {
  cleanUpAll();
  uninstall();
  // If nobody else listens, re-raise for the default action (exit by the signal); otherwise the other
  // listeners have seen this signal too and decide.
  if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
}

const onExit = (): void => cleanUpAll();
let installed = false;

function install(): void {
  if (installed) return;
  installed = true;
  for (const s of SIGNALS) process.on(s, onSignal);
  process.on("exit", onExit);
}

function uninstall(): void {
  if (!installed) return;
  installed = false;
  for (const s of SIGNALS) process.off(s, onSignal);
  process.off("exit", onExit);
}

export function trackRun(dir: string): TrackedRun {
  const run: TrackedRun = { dir };
  active.add(run);
  install();
  return run;
}

export function untrackRun(run: TrackedRun): void {
  active.delete(run);
  if (active.size === 0) uninstall();
}

export function removeDirSync(dir: string): void {
  try {
    rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 50 });
  } catch {
    // best effort: nothing more can be done while exiting
  }
}
