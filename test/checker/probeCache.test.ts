// TLC's feature probe (`-help`, `-version`) is kept on disk per TLC and Java: a second `ts2tla` process
// does not start TLC to ask again, a changed TLC is asked again, and TS2TLA_NO_PROBE_CACHE=1 always asks.
// Each discovery runs in a process of its own, as each `ts2tla check` does.
import { expect } from "chai";
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { execa } from "execa";
import { REPO_ROOT } from "../../tools/compiler/compiled.ts";

const DISCOVER = `
import { discoverTlc } from ${JSON.stringify(path.join(REPO_ROOT, "tools/checker/tlc/discover.ts"))};
const inst = await discoverTlc();
process.stdout.write(JSON.stringify({ options: inst.options, version: inst.version }));
`;

describe("the TLC feature probe cache", function () {
  this.timeout(60_000);
  let dir: string;
  let script: string;
  let env: Record<string, string>;
  const calls = () => readFileSync(path.join(dir, "calls"), "utf8").split("\n").filter(Boolean);
  const writeTlc = (version: string) => {
    writeFileSync(
      script,
      `#!/bin/sh\necho "$1" >> ${JSON.stringify(path.join(dir, "calls"))}\nif [ "$1" = -help ]; then echo "  -config FILE"; echo "  -dumpTrace FORMAT FILE"; fi\nif [ "$1" = -version ]; then echo "TLC2 Version ${version}"; fi\n`,
    );
    chmodSync(script, 0o755);
  };
  const discover = async (extra: Record<string, string> = {}) => {
    const r = await execa(process.execPath, ["--import", "tsx", "--input-type=module", "-e", DISCOVER], { env: { ...env, ...extra }, extendEnv: false, cwd: REPO_ROOT });
    return JSON.parse(r.stdout) as { options: string[]; version?: string };
  };

  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), "ts2tla-probe-"));
    mkdirSync(path.join(dir, "bin"));
    script = path.join(dir, "bin", "tlc");
    writeFileSync(path.join(dir, "calls"), "");
    writeTlc("2.98");
    env = { PATH: `${path.join(dir, "bin")}:${path.dirname(process.execPath)}`, HOME: dir, XDG_CACHE_HOME: path.join(dir, "cache") };
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("asks TLC once, and a second process reads the answer from the cache", async () => {
    const first = await discover();
    expect(first.options).to.include.members(["-config", "-dumpTrace"]);
    expect(first.version).to.match(/2\.98/);
    expect(calls()).to.have.members(["-help", "-version"]);
    const second = await discover();
    expect(second).to.deep.equal(first);
    expect(calls(), "no TLC run for the second process").to.have.length(2);
  });

  it("asks again when the TLC changes, and always with TS2TLA_NO_PROBE_CACHE=1", async () => {
    writeTlc("2.99 of a longer build");
    const changed = await discover();
    expect(changed.version).to.match(/2\.99/);
    expect(calls()).to.have.length(4);
    await discover({ TS2TLA_NO_PROBE_CACHE: "1" });
    expect(calls()).to.have.length(6);
  });
});
