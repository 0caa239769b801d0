// The compiler on the language's constructs: output shape, determinism, generated/ up to date.
import { expect } from "chai";
import fs from "node:fs";
import path from "node:path";
import { compileAll, compileFile, REPO_ROOT } from "../tools/compiler/index.ts";

const SINK = "test/fixtures/lang/kitchenSink.ts";

describe("compiler", () => {
  const sink = compileFile(SINK);
  const tla = sink.files.find((f) => f.path.endsWith(".tla"))!.text;

  it("derives TypeOK from the TS types", () => {
    expect(tla).to.include("/\\ slot \\in [owner : {Null} \\cup ProcSet, count : 0..3, mode : {\"idle\", \"busy\"}]");
    expect(tla).to.include("/\\ queue \\in Seq(ProcSet)");
    expect(tla).to.include("/\\ seen \\in SUBSET ProcSet");
    expect(tla).to.include("/\\ flags \\in [ProcSet -> BOOLEAN]");
    expect(tla).to.include("/\\ client_tries \\in [Clients -> 0..2]");
  });

  it("makes one operator per step with the process id as parameter, and comments pointing to the TS", () => {
    for (const label of ["start", "enqueue", "take", "work", "leave", "finish"]) {
      expect(tla).to.match(new RegExp(`\\n\\\\\\* ${SINK}:\\d+:\\d+  yield "${label}"\\nclient_${label}\\(self\\) ==\\n    /\\\\ pc\\[self\\] = "${label}"`));
    }
    expect(tla).to.include("janitor_sweep(self) ==");
  });

  it("reads arrays with JS semantics (0-based, Undefined past the end) and merges updates of one record", () => {
    expect(tla).to.include("JsGet(queue, 0) = self");
    expect(tla).to.include("slot' = [slot EXCEPT !.owner = JsGet(queue, 0), !.mode = \"busy\", !.count = nextCount(slot.count, Limit)]");
    // shift() on [] leaves [] in JS; Tail(<<>>) would be an error.
    expect(tla).to.include("queue' = SubSeq(queue, 2, Len(queue))");
  });

  it("turns pure helpers into operators and inlines helpers that change the state", () => {
    expect(tla).to.include("nextCount(c, limit) == IF c >= limit THEN 0 ELSE c + 1");
    expect(tla).to.include("CAP == 2");
    expect(tla).to.include("queue' = SelectSeq(queue, LAMBDA p : p # self)");
  });

  it("keeps locals that live across steps as per-process variables, the others as LET or inline", () => {
    expect(sink.ir.processes[0]!.locals.map((l) => l.tsName)).to.deep.equal(["tries"]);
    expect(tla).to.include("client_tries' = [client_tries EXCEPT ![self] = client_tries[self] + 1]");
  });

  it("emits nondeterminism, blocking, fairness per process and per step", () => {
    expect(tla).to.match(/\/\\ \\\/ \/\\ total' = IF total < 6 THEN total \+ 1 ELSE 6/);
    expect(tla).to.include("\\E k \\in 0..1 :");
    expect(tla).to.include("\\A self \\in Clients : SF_vars(client_take(self))");
    expect(tla).to.include("\\A self \\in Clients : WF_vars(client_start(self) \\/ client_enqueue(self) \\/ client_work(self) \\/ client_leave(self) \\/ client_finish(self))");
    expect(tla).to.include("WF_vars(janitor_next(janitor))");
  });

  it("writes one model per scenario and per witness, with the scenario's constants", () => {
    const small = sink.files.find((f) => f.path.endsWith("/small.cfg"))!.text;
    expect(small).to.include("Clients = {c1, c2}");
    expect(small).to.include("Version = \"a\"");
    expect(small).to.include("PROPERTY clientsFinish");
    const strict = sink.files.find((f) => f.path.endsWith("/strict.cfg"))!.text;
    expect(strict).to.include("CHECK_DEADLOCK FALSE");
    expect(sink.files.map((f) => f.path)).to.include("kitchenSink/small.witness.someoneWorks.cfg");
  });

  it("maps every step and variable back to the TS source", () => {
    const map = sink.sourceMap;
    expect(map.steps.client_take).to.include({ process: "client", label: "take" });
    expect(map.steps.client_take!.pos.file).to.equal(SINK);
    expect(tla.split("\n")[map.steps.client_take!.tlaLine - 1]).to.equal("client_take(self) ==");
    expect(map.variables.slot!.typeText).to.equal("{ owner: null | Pid; count: Int<0, 3>; mode: \"idle\" | \"busy\" }");
    expect(map.variables.client_tries).to.include({ kind: "local", ts: "tries", process: "client" });
  });

  it("is deterministic: the same input gives the same bytes", () => {
    const again = compileFile(SINK);
    expect(again.files).to.deep.equal(sink.files);
  });

  it("generated/ is what the compiler produces now (run `ts2tla gen` after changing spec-src/)", () => {
    const { compiled, diagnostics } = compileAll(path.join(REPO_ROOT, "spec-src"));
    expect(diagnostics).to.deep.equal([]);
    const stale = compiled
      .flatMap((c) => c.files)
      .filter((f) => {
        const p = path.join(REPO_ROOT, "generated", f.path);
        return !fs.existsSync(p) || fs.readFileSync(p, "utf8") !== f.text;
      })
      .map((f) => f.path);
    expect(stale, "stale files in generated/").to.deep.equal([]);
    const expected = new Set(compiled.flatMap((c) => c.files.map((f) => f.path)));
    const extra = listFiles(path.join(REPO_ROOT, "generated")).filter((f) => !expected.has(f));
    expect(extra, "files in generated/ that no protocol produces").to.deep.equal([]);
  });
});

function listFiles(dir: string, base = dir): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? listFiles(p, base) : [path.relative(base, p)];
  });
}

describe("compiler: comparisons of literals fold away", () => {
  it("folds = and # of two string, number or boolean literals, and the IF they decide", async () => {
    const T = await import("../tools/compiler/tla.ts");
    expect(T.binary("=", T.str("WAKE_ALL"), T.str("WAKE_ALL")).text).to.equal("TRUE");
    expect(T.binary("=", T.str("WAKE_NEXT"), T.str("WAKE_ALL")).text).to.equal("FALSE");
    expect(T.binary("#", T.num(3), T.num(3)).text).to.equal("FALSE");
    expect(T.binary("=", T.TRUE, T.FALSE).text).to.equal("FALSE");
    expect(T.ifThenElse(T.binary("=", T.str("a"), T.str("a")), T.num(1), T.num(2)).text).to.equal("1");
  });

  it("leaves comparisons that involve anything but two literals of one kind", async () => {
    const T = await import("../tools/compiler/tla.ts");
    expect(T.binary("=", T.atom("Version"), T.str("v5.13")).text).to.equal('Version = "v5.13"');
    expect(T.binary("=", T.num(-1), T.num(-1)).text).to.equal("(-1) = (-1)");
    expect(T.binary("=", T.str("1"), T.num(1)).text).to.equal('"1" = 1');
    expect(T.binary("<", T.num(1), T.num(2)).text).to.equal("1 < 2");
  });

  it("leaves no literal comparison in the DAX module (its helpers take the wake mode as a literal)", () => {
    const dax = compileFile("spec-src/dax/dax.ts").files.find((f) => f.path.endsWith(".tla"))!.text;
    expect(dax).to.not.match(/"[A-Z_]+" [=#] "[A-Z_]+"/);
  });
});
