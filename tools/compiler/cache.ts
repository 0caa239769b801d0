// A per-user cache of compiled protocols, so that `check P` on an unchanged protocol does not load
// the compiler at all. An entry is used only when every source file the compilation read (the
// protocol, what it imports, the language) has the same content, and the compiler is the same code:
// a stale entry would check a program the user did not write. Any problem with the cache (missing,
// unreadable, read-only) means compiling as if there were none. TS2TLA_NO_COMPILE_CACHE=1 turns it off.
import { createHash } from "node:crypto";
import fs from "node:fs";
import { homedir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { CompiledProtocol } from "./compiled.ts";

const FORMAT = 1;
type Env = Record<string, string | undefined>;

interface Entry {
  format: number;
  compiler: string;
  cwd: string;
  sources: Array<{ path: string; sha: string }>;
  compiled: CompiledProtocol;
}

export function compileCacheEnabled(env: Env = process.env): boolean {
  return env.TS2TLA_NO_COMPILE_CACHE !== "1";
}

function cacheDir(env: Env): string {
  const base = env.XDG_CACHE_HOME || path.join(env.HOME || homedir(), ".cache");
  return path.join(base, "ts2tla", "compiled");
}

function entryPath(file: string, cwd: string, env: Env): string {
  return path.join(cacheDir(env), `${sha(`${path.resolve(file)}\0${cwd}`).slice(0, 32)}.json`);
}

function sha(text: string | Buffer): string {
  return createHash("sha256").update(text).digest("hex");
}

let compilerHash: string | undefined;

/** The compiler's own code and the TypeScript it type-checks with. */
function compilerFingerprint(): string {
  if (compilerHash) return compilerHash;
  const tools = fileURLToPath(new URL("..", import.meta.url));
  const h = createHash("sha256");
  for (const dir of ["compiler", "lang"]) for (const f of listFiles(path.join(tools, dir))) h.update(f).update(fs.readFileSync(f));
  for (const pkg of ["typescript", "ts-morph"]) {
    const json = path.join(tools, "..", "node_modules", pkg, "package.json");
    h.update(fs.existsSync(json) ? fs.readFileSync(json) : pkg);
  }
  compilerHash = h.digest("hex");
  return compilerHash;
}

function listFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((e) => (e.isDirectory() ? listFiles(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

/** The cached compilation of `file`, if every file it read is unchanged. */
export function cachedCompile(file: string, cwd: string, env: Env = process.env): CompiledProtocol | undefined {
  if (!compileCacheEnabled(env)) return undefined;
  try {
    const entry = JSON.parse(fs.readFileSync(entryPath(file, cwd, env), "utf8"), revive) as Entry;
    if (entry.format !== FORMAT || entry.cwd !== cwd || entry.compiler !== compilerFingerprint()) return undefined;
    for (const s of entry.sources) if (sha(fs.readFileSync(s.path)) !== s.sha) return undefined;
    return entry.compiled;
  } catch {
    return undefined;
  }
}

export function storeCompile(file: string, cwd: string, c: CompiledProtocol, env: Env = process.env): void {
  if (!compileCacheEnabled(env) || !c.sources) return;
  try {
    const entry: Entry = { format: FORMAT, compiler: compilerFingerprint(), cwd, sources: c.sources.map((p) => ({ path: p, sha: sha(fs.readFileSync(p)) })), compiled: c };
    const target = entryPath(file, cwd, env);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    const tmp = `${target}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify(entry, replace));
    fs.renameSync(tmp, target);
  } catch {
    // A cache that cannot be written is no cache.
  }
}

// The IR holds Maps (the updates of each action leaf).
function replace(_key: string, value: unknown): unknown {
  return value instanceof Map ? { __map: [...value] } : value;
}

function revive(_key: string, value: unknown): unknown {
  return value && typeof value === "object" && "__map" in value ? new Map((value as { __map: Array<[unknown, unknown]> }).__map) : value;
}
