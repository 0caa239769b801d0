// ts2tla tlc install: the pinned TLC release into the per-user cache.
import { EXIT } from "./exit.ts";
import { installPinnedTlc, TlcInstallError } from "../checker/tlc/install.ts";

export async function runTlcInstall(): Promise<number> {
  try {
    const r = await installPinnedTlc();
    process.stdout.write(`${r.downloaded ? "installed" : "already installed"}: ${r.jarPath} (sha256 ${r.sha256})\n`);
    return EXIT.ok;
  } catch (e) {
    if (!(e instanceof TlcInstallError)) throw e;
    process.stderr.write(`ts2tla: ${e.message}\n${e.hint ? `  hint: ${e.hint}\n` : ""}`);
    return EXIT.checkerFailed;
  }
}
