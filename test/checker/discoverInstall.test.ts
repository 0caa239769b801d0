import { expect } from "chai";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { createHash } from "node:crypto";
import { tmpdir } from "node:os";
import path from "node:path";
import { cachedJarPath, findJava, locateTlc, tlcCacheDir, TlcSetupError } from "../../tools/checker/tlc/discover.ts";
import { installPinnedTlc, PINNED_TLC, TlcInstallError } from "../../tools/checker/tlc/install.ts";
import { runTlc } from "../../tools/checker/tlc/run.ts";
import { requestFor, SPEC_RUNS } from "../helpers/tlcSpecs.ts";

function executable(file: string, body = "#!/bin/sh\nexit 0\n"): string {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, body);
  chmodSync(file, 0o755);
  return file;
}

function thrown(f: () => unknown): unknown {
  try {
    f();
  } catch (e) {
    return e;
  }
  return undefined;
}

async function rejected(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (e) {
    return e;
  }
  return undefined;
}

describe("finding TLC and Java", () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), "ts2tla-discover-test-"));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("puts the cache under XDG_CACHE_HOME, else ~/.cache", () => {
    expect(tlcCacheDir({ XDG_CACHE_HOME: "/x/cache", HOME: "/home/u" })).to.equal("/x/cache/ts2tla");
    expect(tlcCacheDir({ HOME: "/home/u" })).to.equal("/home/u/.cache/ts2tla");
    expect(cachedJarPath({ HOME: "/home/u" })).to.equal("/home/u/.cache/ts2tla/tla2tools.jar");
  });

  it("uses TLA2TOOLS_JAR first, and fails clearly when it points nowhere", () => {
    const jar = path.join(dir, "my.jar");
    writeFileSync(jar, "x");
    writeFileSync(path.join(dir, "tla2tools.jar"), "cached");
    const env = { TLA2TOOLS_JAR: jar, XDG_CACHE_HOME: path.join(dir, ".."), PATH: "" };
    expect(locateTlc(env)).to.deep.equal({ jarPath: jar, source: "TLA2TOOLS_JAR" });
    const e = thrown(() => locateTlc({ TLA2TOOLS_JAR: path.join(dir, "missing.jar"), PATH: "" }));
    expect(e).to.be.instanceOf(TlcSetupError);
    expect((e as TlcSetupError).kind).to.equal("tlc-missing");
    expect((e as TlcSetupError).message).to.equal(`TLA2TOOLS_JAR points to ${path.join(dir, "missing.jar")}, which does not exist`);
  });

  it("then the per-user cache, then a tlc script on PATH", () => {
    const cache = path.join(dir, "cache");
    const bin = path.join(dir, "bin");
    const tlc = executable(path.join(bin, "tlc"));
    const env = { XDG_CACHE_HOME: cache, PATH: bin };
    expect(locateTlc(env)).to.deep.equal({ tlcCommand: tlc, source: "PATH" });
    mkdirSync(path.join(cache, "ts2tla"), { recursive: true });
    writeFileSync(path.join(cache, "ts2tla", "tla2tools.jar"), "jar");
    expect(locateTlc(env)).to.deep.equal({ jarPath: path.join(cache, "ts2tla", "tla2tools.jar"), source: "cache" });
  });

  it("says in one line where it looked when there is no TLC at all", () => {
    const env = { XDG_CACHE_HOME: path.join(dir, "cache"), PATH: path.join(dir, "empty") };
    const e = thrown(() => locateTlc(env)) as TlcSetupError;
    expect(e).to.be.instanceOf(TlcSetupError);
    expect(e.message).to.equal(
      `TLC not found: no tla2tools.jar (TLA2TOOLS_JAR unset, none at ${path.join(dir, "cache/ts2tla/tla2tools.jar")}, no tlc on PATH)`,
    );
    expect(e.hint).to.match(/TLA2TOOLS_JAR/);
  });

  it("finds Java in JAVA_HOME, else on PATH, ignoring non-executables", () => {
    const home = path.join(dir, "jdk");
    const java = executable(path.join(home, "bin", "java"));
    const pathJava = executable(path.join(dir, "bin", "java"));
    expect(findJava({ JAVA_HOME: home, PATH: path.join(dir, "bin") })).to.equal(java);
    expect(findJava({ PATH: path.join(dir, "bin") })).to.equal(pathJava);
    expect(findJava({ JAVA_HOME: path.join(dir, "nojdk"), PATH: path.join(dir, "bin") })).to.equal(pathJava);
    chmodSync(pathJava, 0o644);
    expect(findJava({ PATH: path.join(dir, "bin") })).to.equal(undefined);
  });
});

describe("installing the pinned TLC", () => {
  let dir: string;
  let env: Record<string, string>;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), "ts2tla-install-test-"));
    env = { XDG_CACHE_HOME: dir };
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const bytes = new TextEncoder().encode("pretend this is tla2tools.jar");
  const hash = createHash("sha256").update(bytes).digest("hex");
  const release = { version: "v-test", url: "https://example.invalid/tla2tools.jar", sha256: hash };
  const serving = (body: Uint8Array, status = 200): typeof fetch => (async () => new Response(Buffer.from(body), { status })) as typeof fetch;
  const leftovers = () => readdirSync(path.join(dir, "ts2tla"), { withFileTypes: true }).map((d) => d.name);

  it("pins v1.7.4 by its SHA-256", () => {
    expect(PINNED_TLC).to.deep.equal({
      version: "v1.7.4",
      url: "https://github.com/tlaplus/tlaplus/releases/download/v1.7.4/tla2tools.jar",
      sha256: "936a262061c914694dfd669a543be24573c45d5aa0ff20a8b96b23d01e050e88",
    });
  });

  it("fails cleanly without a network: one line, a hint, nothing left behind", async () => {
    const e = (await rejected(installPinnedTlc({ env, timeoutMs: 15_000, release: { ...PINNED_TLC, url: "https://tla2tools.invalid/v1.7.4/tla2tools.jar" } }))) as TlcInstallError;
    expect(e).to.be.instanceOf(TlcInstallError);
    expect(e.message).to.match(/^Could not download TLC v1\.7\.4 from tla2tools\.invalid: /);
    expect(e.message).to.not.include("\n");
    expect(e.hint).to.equal(`Without internet, set TLA2TOOLS_JAR to a tla2tools.jar, or place one at ${path.join(dir, "ts2tla", "tla2tools.jar")}`);
    expect(existsSync(path.join(dir, "ts2tla", "tla2tools.jar"))).to.equal(false);
  });

  it("stores a download whose hash matches, then finds it already installed", async () => {
    const first = await installPinnedTlc({ env, release, fetch: serving(bytes) });
    expect(first).to.deep.equal({ jarPath: path.join(dir, "ts2tla", "tla2tools.jar"), sha256: hash, downloaded: true });
    expect(leftovers()).to.deep.equal(["tla2tools.jar"]);
    const again = await installPinnedTlc({ env, release, fetch: () => Promise.reject(new Error("must not download")) });
    expect(again.downloaded).to.equal(false);
  });

  it("refuses to keep a download with the wrong hash", async () => {
    mkdirSync(path.join(dir, "ts2tla"));
    const e = (await rejected(installPinnedTlc({ env, release, fetch: serving(new TextEncoder().encode("tampered")) }))) as TlcInstallError;
    expect(e).to.be.instanceOf(TlcInstallError);
    expect(e.message).to.match(/^The downloaded tla2tools\.jar has SHA-256 [0-9a-f]{64}, expected [0-9a-f]{64}; it was not kept$/);
    expect(leftovers()).to.deep.equal([]);
  });

  it("reports HTTP errors and timeouts in one line", async () => {
    const notFound = (await rejected(installPinnedTlc({ env, release, fetch: serving(bytes, 404) }))) as TlcInstallError;
    expect(notFound.message).to.equal("Could not download TLC v-test: HTTP 404 from https://example.invalid/tla2tools.jar");
    const hanging: typeof fetch = (_url, init) =>
      new Promise((_, reject) => init!.signal!.addEventListener("abort", () => reject(init!.signal!.reason)));
    const slow = (await rejected(installPinnedTlc({ env, release, fetch: hanging, timeoutMs: 1000 }))) as TlcInstallError;
    expect(slow.message).to.equal("Could not download TLC v-test from example.invalid: no answer within 1 s");
  });

  it("does not overwrite another jar already in the cache", async () => {
    mkdirSync(path.join(dir, "ts2tla"));
    writeFileSync(path.join(dir, "ts2tla", "tla2tools.jar"), "someone else's build");
    const e = (await rejected(installPinnedTlc({ env, release, fetch: serving(bytes) }))) as TlcInstallError;
    expect(e.message).to.match(/^A different tla2tools\.jar is already at .*tla2tools\.jar \(SHA-256 [0-9a-f]{12}…\)$/);
  });
});

// These need neither TLC nor Java: the runner must stop before starting anything.
describe("runTlc when TLC or Java is missing", () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), "ts2tla-missing-test-"));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("missing jar: TLA2TOOLS_JAR pointing nowhere gives tlc-missing", async () => {
    const jar = path.join(dir, "nowhere", "tla2tools.jar");
    const r = await runTlc(requestFor(SPEC_RUNS[0]!), { env: { ...process.env, TLA2TOOLS_JAR: jar }, tempRoot: dir });
    expect(r.engine).to.equal("tlc");
    expect(r.verdict).to.equal("error");
    expect(r.error).to.deep.include({ kind: "tlc-missing", message: `TLA2TOOLS_JAR points to ${jar}, which does not exist` });
    expect(r.error!.hint).to.be.a("string").and.not.include("\n");
    expect(readdirSync(dir)).to.deep.equal([]);
  });

  it("missing Java: no JAVA_HOME and no java on PATH gives java-missing", async () => {
    const jar = path.join(dir, "tla2tools.jar");
    writeFileSync(jar, "a jar");
    const r = await runTlc(requestFor(SPEC_RUNS[0]!), { env: { TLA2TOOLS_JAR: jar, PATH: path.join(dir, "empty"), HOME: dir }, tempRoot: dir });
    expect(r.verdict).to.equal("error");
    expect(r.error).to.deep.include({ kind: "java-missing", message: "Java not found: JAVA_HOME unset and no java on PATH" });
    expect(r.error!.hint).to.match(/Java/);
    const withHome = await runTlc(requestFor(SPEC_RUNS[0]!), { env: { TLA2TOOLS_JAR: jar, JAVA_HOME: path.join(dir, "jdk"), PATH: "" } });
    expect(withHome.error!.message).to.equal(`Java not found: no java in JAVA_HOME (${path.join(dir, "jdk")}/bin) and no java on PATH`);
  });

  it("a Java that cannot be started gives java-missing", async () => {
    const jar = path.join(dir, "tla2tools.jar");
    writeFileSync(jar, "a jar");
    const installation = { jarPath: jar, javaPath: path.join(dir, "gone", "java"), source: "cache" as const, supportsDumpTraceJson: true, options: [] };
    const r = await runTlc(requestFor(SPEC_RUNS[0]!), { installation, tempRoot: dir });
    expect(r.error).to.include({ kind: "java-missing", message: `Could not start ${path.join(dir, "gone", "java")} (ENOENT)` });
    expect(readdirSync(dir)).to.deep.equal(["tla2tools.jar"]);
  });

  it("rejects bad input before starting TLC", async () => {
    const missing = await runTlc({ ...requestFor(SPEC_RUNS[0]!), tlaFile: path.join(dir, "Nope.tla") });
    expect(missing.error).to.include({ kind: "crash", message: `Input file not found: ${path.join(dir, "Nope.tla")}` });
    const heap = await runTlc({ ...requestFor(SPEC_RUNS[0]!), heap: "lots" });
    expect(heap.error).to.include({ kind: "crash", message: 'Bad heap size "lots"' });
    const aborted = await runTlc({ ...requestFor(SPEC_RUNS[0]!), signal: AbortSignal.abort() });
    expect(aborted.error).to.include({ kind: "killed" });
  });
});
