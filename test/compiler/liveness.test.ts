// Which process locals are kept as state: a local is a TLA+ variable only where it is live at a step
// boundary (tools/compiler/lower/liveness.ts), is reset to its default at every step that ends where
// it is dead, and the TS engine encodes it the same way. The analysis on small bodies, the kept
// locals and reset points of compiled fixtures (test/fixtures/locals/), and the TS engine against
// the embedded engine and TLC on their state graphs.
import { expect } from "chai";
import { Node, Project, type FunctionExpression } from "ts-morph";
import { compileFile, type CompiledProtocol } from "../../tools/compiler/index.ts";
import { analyzeLiveness } from "../../tools/compiler/lower/liveness.ts";
import { engineRuntime } from "../../tools/checker/ts/run.ts";
import { exploreStates } from "../../tools/runtime/index.ts";
import { crossCheck } from "../../tools/verify/crossCheck.ts";
import { checkScenario } from "../../tools/verify/scenario.ts";
import { keptLocals } from "../../tools/cli/gen.ts";
import { requireTlc } from "../helpers/tlc.ts";
import { checkModel, EVERYTHING } from "../runtime/helpers.ts";

/** Per label, the names of the locals live there, for a generator body. */
function liveness(body: string): Record<string, string[]> {
  const project = new Project({ useInMemoryFileSystem: true, compilerOptions: { strict: true, target: 99 } });
  const sf = project.createSourceFile(
    "p.ts",
    `declare function nondet(): boolean;\ndeclare function when(c: boolean): void;\ndeclare function bump(s: { v: number }, by: number): void;\n` +
      `export const body = function* (self: string, s: { v: number; out: number; q: number[] }) {\n${body}\n};\n`,
  );
  const fn = sf.getVariableDeclarationOrThrow("body").getInitializerOrThrow() as FunctionExpression;
  if (!Node.isFunctionExpression(fn)) throw new Error("no generator");
  const r = analyzeLiveness(fn);
  const out: Record<string, string[]> = {};
  for (const [label, { live }] of r.atLabel) out[label] = [...live.keys()].map((d) => d.getName()).sort();
  return out;
}

describe("liveness of process locals", () => {
  describe("the analysis", () => {
    it("a local written before every read after a boundary is dead there, wherever its `let` is", () => {
      const early = liveness(`let x = 0; yield "a"; x = s.v; s.out = x; yield "b";`);
      const late = liveness(`yield "a"; let x = s.v; s.out = x; yield "b";`);
      expect(early).to.deep.equal({ a: [], b: [] });
      expect(late).to.deep.equal(early);
    });

    it("moving a `let` into or out of a branch does not change where it is live", () => {
      const out = liveness(`for (;;) { yield "a"; let x = 0; yield "b"; if (nondet()) { x = s.v; yield "c"; s.out = x; } }`);
      const inside = liveness(`for (;;) { yield "a"; yield "b"; if (nondet()) { let x = s.v; yield "c"; s.out = x; } }`);
      expect(out).to.deep.equal({ a: [], b: [], c: ["x"] });
      expect(inside).to.deep.equal(out);
    });

    it("a `return` ends the process: nothing is live after it", () => {
      expect(liveness(`let n = 0; yield "a"; n = s.v; if (nondet()) { return; } yield "b"; s.out = n;`)).to.deep.equal({ a: [], b: ["n"] });
      expect(liveness(`let n = 0; yield "a"; if (nondet()) { return; } yield "b"; s.out = n;`)).to.deep.equal({ a: ["n"], b: ["n"] });
    });

    it("written on one path, read after a later boundary only on the other: live where the other path starts", () => {
      expect(liveness(`let m = 0; yield "a"; if (nondet()) { m = s.v; yield "l"; s.v = 1; } else { yield "r"; s.out = m; } yield "e";`)).to.deep.equal({
        a: ["m"],
        l: [],
        r: ["m"],
        e: [],
      });
    });

    it("loops: a counter lives across iterations; a local is dead after its last read in an iteration", () => {
      expect(liveness(`yield "i"; let k = 0; while (k < 2) { yield "t"; const t = s.v; yield "u"; s.out = t; k++; yield "r"; }`)).to.deep.equal({
        i: [],
        t: ["k"],
        u: ["k", "t"],
        r: ["k"],
      });
      // break leaves the loop (k dead after it), continue goes back to the head (k read there).
      expect(liveness(`let k = 0; for (;;) { yield "t"; if (nondet()) break; if (k > 1) continue; k = k + 1; } yield "z"; s.out = 1;`)).to.deep.equal({ t: ["k"], z: [] });
    });

    it("partial writes and updates read the local first; a whole assignment does not", () => {
      expect(liveness(`let a = [0]; let b = 0; let c = { f: 0 }; let d = 0; yield "x"; a.push(1); b += 1; c.f = 2; d = 3; s.out = a[0]! + b + c.f + d;`)).to.deep.equal({ x: ["a", "b", "c"] });
    });

    it("a helper outside the body reads only its arguments; a function inside the body reads what it mentions", () => {
      expect(liveness(`let k = 0; yield "x"; bump(s, 1); k = 2; s.out = k;`)).to.deep.equal({ x: [] });
      expect(liveness(`let k = 0; const look = () => k; yield "x"; s.out = look();`)).to.deep.equal({ x: ["k"] });
      expect(liveness(`let k = 0; yield "x"; s.out = s.q.some((w) => w === k) ? 1 : 0;`)).to.deep.equal({ x: ["k"] });
      expect(liveness(`let k = 0; yield "x"; const r = { k }; s.out = r.k;`)).to.deep.equal({ x: ["k"] });
    });
  });

  describe("compiled", () => {
    const cases = compileFile("test/fixtures/locals/cases.ts");
    const early = compileFile("test/fixtures/locals/placeEarly.ts");
    const late = compileFile("test/fixtures/locals/placeLate.ts");
    const tla = (c: CompiledProtocol) => c.files.find((f) => f.path.endsWith(".tla"))!.text;
    const kept = (c: CompiledProtocol) => c.ir.processes.flatMap((p) => p.locals.map((l) => `${p.name}.${l.tsName} @ ${l.liveAt.join(",")}`));

    it("keeps a local as state only where it is live, and says why", () => {
      expect(kept(cases)).to.deep.equal(["ret.n @ later", "branch.m @ choose,right", "loop.i @ tick,tock,rest", "loop.t @ tock"]);
      expect(kept(early)).to.deep.equal(["worker.seen @ report"]);
      expect(kept(late)).to.deep.equal(kept(early));
      const lines = keptLocals(cases);
      expect(lines[0]).to.match(/^cases: ret\.n kept as state, live at step later \(read at test\/fixtures\/locals\/cases\.ts:\d+:\d+ after the step boundary at test\/fixtures\/locals\/cases\.ts:\d+:\d+\); reset/);
      expect(lines[1]).to.include("live at steps choose, right (at choose: read at");
    });

    it("resets a local at each step that ends where it is dead, the process's end included", () => {
      const t = tla(cases);
      // ret: the `return` path resets n (written in the step), the path to "later" keeps it.
      const ret = t.slice(t.indexOf("ret_start(self) =="), t.indexOf("ret_later(self) =="));
      expect(ret).to.include(`ret_n' = [ret_n EXCEPT ![self] = v]`);
      expect(ret).to.include(`ret_n' = [ret_n EXCEPT ![self] = 0]`);
      const later = t.slice(t.indexOf("ret_later(self) =="), t.indexOf("ret(self) =="));
      expect(later).to.include(`ret_n' = [ret_n EXCEPT ![self] = 0]`);
      // branch: m written on the way to "left" (dead there) is reset, not kept.
      const choose = t.slice(t.indexOf("branch_choose(self) =="), t.indexOf("branch_left(self) =="));
      expect(choose).to.not.include(`branch_m' = [branch_m EXCEPT ![self] = v]`);
      expect(choose).to.include(`UNCHANGED <<v, out, sum, ret_n, branch_m, loop_i, loop_t>>`);
      // loop: t is reset after its last read; i at the end of the process.
      const tock = t.slice(t.indexOf("loop_tock(self) =="), t.indexOf("loop_rest(self) =="));
      expect(tock).to.include(`loop_t' = [loop_t EXCEPT ![self] = 0]`);
      expect(tock).to.include(`loop_i' = [loop_i EXCEPT ![self] = loop_i[self] + 1]`);
      // Dead where a step starts and where it ends, and left alone: no update at all.
      const init = t.slice(t.indexOf("loop_init(self) =="), t.indexOf("loop_tick(self) =="));
      expect(init).to.include(`UNCHANGED <<v, out, sum, ret_n, branch_m, loop_t>>`);
    });

    it("the TS engine and the embedded engine reach the same states; where the `let`s are written does not matter", async function () {
      this.timeout(300_000);
      const counts: number[] = [];
      for (const [c, scenario] of [[cases, "all"], [early, "two"], [late, "two"]] as const) {
        const rt = await engineRuntime(c, scenario);
        const ts = exploreStates(rt, { maxStates: 50_000 });
        expect(ts.complete).to.equal(true);
        expect(ts.unknownLocals, "every local known").to.deep.equal([]);
        const embedded = await checkModel(c, scenario, EVERYTHING, "embedded");
        expect(embedded.verdict, embedded.error?.message).to.equal("holds");
        expect(ts.distinctStates, `${c.name}/${scenario}`).to.equal(embedded.stats.distinctStates);
        counts.push(ts.distinctStates);
      }
      expect(counts[1], "placeEarly and placeLate").to.equal(counts[2]);
    });
  });

  describe("TS engine against TLC on the reset locals (TLC tier)", function () {
    this.timeout(600_000);
    before(async function () {
      await requireTlc(this);
    });
    for (const [file, scenario] of [
      ["test/fixtures/locals/cases.ts", "all"],
      ["test/fixtures/locals/placeEarly.ts", "two"],
      ["test/fixtures/locals/placeLate.ts", "two"],
      ["spec-src/examples/twoPhase.ts", "threeRMs"],
    ] as const) {
      it(`${file.split("/").pop()} ${scenario}: the same graph`, async () => {
        const c = compileFile(file);
        const tlc = await checkScenario(c, scenario, { engine: "tlc", keepGraph: true, workers: 1, timeoutSeconds: 600 });
        const ts = await checkScenario(c, scenario, { engine: "ts", keepGraph: true });
        expect(tlc.error, tlc.error?.message).to.equal(undefined);
        const x = crossCheck(c, tlc, ts);
        expect(x.problems, x.summary).to.deep.equal([]);
        expect(ts.graph?.states.length).to.equal(tlc.completeStats?.distinctStates);
      });
    }
  });
});
