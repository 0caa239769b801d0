// The TLC test tier runs only where TLC is: otherwise its suites are skipped with one line saying why.
import { discoverTlc, TlcSetupError, type TlcInstallation } from "../../tools/checker/tlc/discover.ts";

let found: Promise<TlcInstallation | string> | undefined;
let announced = false;

/** Call from a `before` hook (`function`, not an arrow): skips the suite when TLC is not usable. */
export async function requireTlc(ctx: Mocha.Context): Promise<TlcInstallation> {
  found ??= discoverTlc().catch((e: unknown) => {
    if (e instanceof TlcSetupError) return `TLC tier skipped: ${e.message}`;
    throw e;
  });
  const result = await found;
  if (typeof result === "string") {
    if (!announced) {
      announced = true;
      console.log(`      ${result}`);
    }
    ctx.skip();
  }
  return result as TlcInstallation;
}

/** The process is still running. */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
