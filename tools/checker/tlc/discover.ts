// Finding TLC and Java, and what this TLC can do (feature detection from `-help`, not version strings).
import { accessSync, constants, statSync } from "node:fs";
import { homedir } from "node:os";
import path from "node:path";
import { execa } from "execa";
import { parseVersion } from "./messageText.ts";
import { probeCacheEnabled, readCachedProbe, writeCachedProbe, type ProbeResult } from "./probeCache.ts";

export interface TlcInstallation {
  /** Run as `java -cp <jarPath> tlc2.TLC ...`. */
  jarPath?: string;
  /** A `tlc` wrapper script on PATH, run as `<tlcCommand> ...`; it finds its own Java. */
  tlcCommand?: string;
  /** The Java that runs `jarPath`. */
  javaPath?: string;
  source: "TLA2TOOLS_JAR" | "cache" | "PATH";
  /** e.g. `TLC2 Version 2.19 of 08 August 2024`, when TLC printed it. */
  version?: string;
  supportsDumpTraceJson: boolean;
  /** The options `-help` lists, e.g. `-dumpTrace`, `-userFile`, `-noGenerateSpecTE`. */
  options: string[];
}

export type SetupErrorKind = "tlc-missing" | "java-missing";

export class TlcSetupError extends Error {
  readonly kind: SetupErrorKind;
  readonly hint: string;

  constructor(kind: SetupErrorKind, message: string, hint: string) {
    super(message);
    this.name = "TlcSetupError";
    this.kind = kind;
    this.hint = hint;
  }
}

type Env = Record<string, string | undefined>;

/** `${XDG_CACHE_HOME:-$HOME/.cache}/ts2tla` */
export function tlcCacheDir(env: Env = process.env): string {
  const base = env.XDG_CACHE_HOME || path.join(env.HOME || homedir(), ".cache");
  return path.join(base, "ts2tla");
}

export function cachedJarPath(env: Env = process.env): string {
  return path.join(tlcCacheDir(env), "tla2tools.jar");
}

function isFile(p: string): boolean {
  try {
    return statSync(p).isFile();
  } catch {
    return false;
  }
}

function isExecutable(p: string): boolean {
  try {
    accessSync(p, constants.X_OK);
    return isFile(p);
  } catch {
    return false;
  }
}

export function findOnPath(command: string, env: Env = process.env): string | undefined {
  for (const dir of (env.PATH ?? "").split(path.delimiter)) {
    if (!dir) continue;
    const candidate = path.join(dir, command);
    if (isExecutable(candidate)) return candidate;
  }
  return undefined;
}

/** `$JAVA_HOME/bin/java`, else `java` on PATH. */
export function findJava(env: Env = process.env): string | undefined {
  if (env.JAVA_HOME) {
    const java = path.join(env.JAVA_HOME, "bin", "java");
    if (isExecutable(java)) return java;
  }
  return findOnPath("java", env);
}

type Located = { jarPath: string; source: "TLA2TOOLS_JAR" | "cache" } | { tlcCommand: string; source: "PATH" };

/** Where TLC is, without running it: TLA2TOOLS_JAR, then the per-user cache, then `tlc` on PATH. */
export function locateTlc(env: Env = process.env): Located {
  const fromEnv = env.TLA2TOOLS_JAR;
  if (fromEnv) {
    const jarPath = path.resolve(fromEnv);
    if (!isFile(jarPath)) {
      throw new TlcSetupError(
        "tlc-missing",
        `TLA2TOOLS_JAR points to ${jarPath}, which does not exist`,
        "Set TLA2TOOLS_JAR to the path of a tla2tools.jar, or unset it to use the one in the ts2tla cache",
      );
    }
    return { jarPath, source: "TLA2TOOLS_JAR" };
  }
  const cached = cachedJarPath(env);
  if (isFile(cached)) return { jarPath: cached, source: "cache" };
  const wrapper = findOnPath("tlc", env);
  if (wrapper) return { tlcCommand: wrapper, source: "PATH" };
  throw new TlcSetupError(
    "tlc-missing",
    `TLC not found: no tla2tools.jar (TLA2TOOLS_JAR unset, none at ${cached}, no tlc on PATH)`,
    `Set TLA2TOOLS_JAR to a tla2tools.jar, or place one at ${cached} (with internet, installPinnedTlc() downloads TLC v1.7.4 there)`,
  );
}

type Probe = ProbeResult;

const probes = new Map<string, Promise<Probe>>();

function stripAnsi(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(/\x1b\[[0-9;]*[A-Za-z]/g, "");
}

/** The command (file + leading args) that runs tlc2.TLC. */
export function tlcCommandLine(inst: TlcInstallation): { file: string; args: string[] } {
  if (inst.jarPath) return { file: inst.javaPath!, args: ["-cp", inst.jarPath, "tlc2.TLC"] };
  return { file: inst.tlcCommand!, args: [] };
}

async function probe(located: Located, javaPath: string | undefined, env: Env): Promise<Probe> {
  const target = "jarPath" in located ? located.jarPath : located.tlcCommand;
  let st;
  try {
    st = statSync(target);
  } catch {
    throw new TlcSetupError("tlc-missing", `${target} disappeared while ts2tla was looking at it`, "Check the TLC installation, then run again");
  }
  const key = `${path.resolve(target)}\0${st.mtimeMs}\0${st.size}\0${javaPath ?? ""}`;
  let pending = probes.get(key);
  if (!pending) {
    const cached = probeCacheEnabled(env) ? readCachedProbe(tlcCacheDir(env), key) : undefined;
    pending = cached
      ? Promise.resolve(cached)
      : runProbe(located, javaPath, env).then((p) => {
          if (probeCacheEnabled(env)) writeCachedProbe(tlcCacheDir(env), key, p);
          return p;
        });
    probes.set(key, pending);
    pending.catch(() => probes.delete(key));
  }
  return pending;
}

async function runProbe(located: Located, javaPath: string | undefined, env: Env): Promise<Probe> {
  const [file, baseArgs] = "jarPath" in located ? [javaPath!, ["-cp", located.jarPath, "tlc2.TLC"]] : [located.tlcCommand, []];
  const run = (arg: string) =>
    execa(file, [...baseArgs, arg], { env, extendEnv: false, reject: false, all: true, timeout: 60_000, stdin: "ignore" });
  const [help, version] = await Promise.all([run("-help"), run("-version")]);
  const helpText = stripAnsi(help.all ?? "");
  if ((help as { code?: string }).code === "ENOENT") {
    throw new TlcSetupError("java-missing", `Cannot run ${file}: not found`, "Install Java 11 or later and put it on PATH, or set JAVA_HOME");
  }
  if (!/\s-config\b/.test(helpText)) {
    const what = "jarPath" in located ? located.jarPath : located.tlcCommand;
    if (/java: (command )?not found|No such file or directory.*java/i.test(helpText)) {
      throw new TlcSetupError("java-missing", `${what} could not start Java`, "Install Java 11 or later and put it on PATH, or set JAVA_HOME");
    }
    const firstLine = helpText.trim().split("\n")[0] ?? "";
    throw new TlcSetupError(
      "tlc-missing",
      `${what} does not run TLC (${firstLine || `exit code ${help.exitCode}`})`,
      "Point TLA2TOOLS_JAR at a tla2tools.jar from the TLA+ tools release",
    );
  }
  const options = [...new Set([...helpText.matchAll(/(?<![\w-])-[a-zA-Z][a-zA-Z0-9]*\b/g)].map((m) => m[0]))].sort();
  const probed: Probe = { options };
  const v = parseVersion(stripAnsi(version.all ?? "")) ?? /Version\s+(\S[^\n]*)/.exec(helpText)?.[1]?.trim();
  if (v) probed.version = v;
  return probed;
}

/** Find TLC and Java and probe TLC's features (cached per TLC path, size and mtime, and Java, on disk too). Throws TlcSetupError. */
export async function discoverTlc(opts: { env?: Env } = {}): Promise<TlcInstallation> {
  const env = opts.env ?? process.env;
  const located = locateTlc(env);
  let javaPath: string | undefined;
  if ("jarPath" in located) {
    javaPath = findJava(env);
    if (!javaPath) {
      throw new TlcSetupError(
        "java-missing",
        `Java not found: ${env.JAVA_HOME ? `no java in JAVA_HOME (${env.JAVA_HOME}/bin)` : "JAVA_HOME unset"} and no java on PATH`,
        "Install Java 11 or later and put it on PATH, or set JAVA_HOME",
      );
    }
  }
  const probed = await probe(located, javaPath, env);
  const inst: TlcInstallation = {
    source: located.source,
    supportsDumpTraceJson: probed.options.includes("-dumpTrace"),
    options: probed.options,
  };
  if ("jarPath" in located) inst.jarPath = located.jarPath;
  else inst.tlcCommand = located.tlcCommand;
  if (javaPath) inst.javaPath = javaPath;
  if (probed.version) inst.version = probed.version;
  return inst;
}

/** `openjdk version "17.0.15" 2025-04-15` → `17.0.15`. */
export async function javaVersion(javaPath: string): Promise<string | undefined> {
  const r = await execa(javaPath, ["-version"], { reject: false, all: true, timeout: 30_000, stdin: "ignore" });
  return /version "([^"]+)"/.exec(r.all ?? "")?.[1];
}
