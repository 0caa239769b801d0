// Private temporary folders that are removed afterwards, also when the process is interrupted.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const live = new Set<string>();
let handlersInstalled = false;

function removeAll(): void {
  for (const dir of live) fs.rmSync(dir, { recursive: true, force: true });
  live.clear();
}

function installHandlers(): void {
  if (handlersInstalled) return;
  handlersInstalled = true;
  process.on("exit", removeAll);
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
    process.once(signal, () => {
      removeAll();
      process.kill(process.pid, signal);
    });
  }
}

export async function withTempDir<T>(prefix: string, body: (dir: string) => Promise<T>): Promise<T> {
  installHandlers();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `${prefix}-`));
  live.add(dir);
  try {
    return await body(dir);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
    live.delete(dir);
  }
}
