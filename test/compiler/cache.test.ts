// The compile cache: an entry is used only while every file the compilation read is unchanged.
import { expect } from "chai";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { cachedCompile, storeCompile } from "../../tools/compiler/cache.ts";
import { compileFile, LANG_FILE } from "../../tools/compiler/index.ts";

const PROTOCOL = `import { invariant, process, protocol } from "${LANG_FILE}";
import { LIMIT, type Small } from "./limit.ts";

interface State { n: Small }

export default protocol<State>({
  init: () => ({ n: 0 }),
  processes: {
    counter: process(function* (self, s) {
      for (;;) {
        yield "inc";
        if (s.n >= LIMIT) return;
        s.n += 1;
      }
    }),
  },
  properties: { bounded: invariant((s) => s.n <= LIMIT) },
  scenarios: { only: { constants: {} } },
});
`;

describe("compile cache", () => {
  let dir: string;
  let env: Record<string, string | undefined>;
  let file: string;
  const helper = () => path.join(dir, "spec-src", "limit.ts");

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "ts2tla-cache-"));
    fs.mkdirSync(path.join(dir, "spec-src"));
    file = path.join(dir, "spec-src", "counter.ts");
    fs.writeFileSync(file, PROTOCOL);
    fs.writeFileSync(helper(), `import type { Int } from "${LANG_FILE}";\nexport type Small = Int<0, 3>;\nexport const LIMIT = 2;\n`);
    env = { XDG_CACHE_HOME: path.join(dir, "cache") };
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("gives back what was stored, Maps of the IR included, and records every file read", () => {
    const c = compileFile(file, dir);
    expect(c.sources).to.include.members([file, helper(), LANG_FILE]);
    expect(cachedCompile(file, dir, env)).to.equal(undefined);
    storeCompile(file, dir, c, env);
    const back = cachedCompile(file, dir, env)!;
    expect(back.files).to.deep.equal(c.files);
    // The same IR, up to fields whose value is undefined (JSON leaves them out; the IR reads them alike).
    const text = (v: unknown) => JSON.stringify(v, (_k, x) => (x instanceof Map ? { map: [...x] } : x));
    expect(text(back.ir)).to.equal(text(c.ir));
    expect(text(back.sourceMap)).to.equal(text(c.sourceMap));
    const leaves = (a: import("../../tools/compiler/ir.ts").Action): unknown[] =>
      a.k === "leaf" ? [a.updates] : a.k === "if" ? [...leaves(a.then), ...leaves(a.else)] : a.k === "either" ? a.branches.flatMap(leaves) : leaves(a.body);
    const updates = back.ir.processes[0]!.steps.flatMap((s) => leaves(s.action));
    expect(updates.length).to.be.greaterThan(0);
    for (const u of updates) expect(u).to.be.instanceOf(Map);
  });

  it("is not used once an imported file changes, for another project folder, or when turned off", () => {
    storeCompile(file, dir, compileFile(file, dir), env);
    expect(cachedCompile(file, dir, { ...env, TS2TLA_NO_COMPILE_CACHE: "1" })).to.equal(undefined);
    expect(cachedCompile(file, path.dirname(dir), env)).to.equal(undefined);
    fs.writeFileSync(helper(), fs.readFileSync(helper(), "utf8").replace("LIMIT = 2", "LIMIT = 3"));
    expect(cachedCompile(file, dir, env)).to.equal(undefined);
  });

  it("a cache folder that cannot be written is no cache, and no error", () => {
    const blocked = path.join(dir, "not-a-folder");
    fs.writeFileSync(blocked, "");
    const c = compileFile(file, dir);
    expect(() => storeCompile(file, dir, c, { XDG_CACHE_HOME: blocked })).to.not.throw();
    expect(cachedCompile(file, dir, { XDG_CACHE_HOME: blocked })).to.equal(undefined);
  });
});
