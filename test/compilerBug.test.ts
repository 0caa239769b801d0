// A generated module that the checker rejects is reported as a compiler bug at the TS it translates.
import { expect } from "chai";
import { compileFile, moduleText, type CompiledProtocol } from "../tools/compiler/index.ts";
import { tsSourceOfTlaLine } from "../tools/compiler/emit/sourcemap.ts";
import { checkScenario } from "../tools/verify/scenario.ts";
import { requireTlc } from "./helpers/tlc.ts";

const MUTEX = "spec-src/examples/mutex.ts";

/** The compiled protocol with one line of its generated module replaced. */
function tampered(c: CompiledProtocol, from: string, to: string): CompiledProtocol {
  const files = c.files.map((f) => {
    if (f.path !== c.moduleFile) return f;
    expect(f.text).to.include(from);
    return { ...f, text: f.text.replace(from, to) };
  });
  return { ...c, files };
}

function lineOf(c: CompiledProtocol, text: string): number {
  const lines = moduleText(c).split("\n");
  const i = lines.findIndex((l) => l.includes(text));
  expect(i, text).to.be.greaterThan(-1);
  return i + 1;
}

describe("source map regions: TLA+ lines → the TS they translate", () => {
  const mutex = compileFile(MUTEX);
  const dax = compileFile("spec-src/dax/dax.ts");

  it("maps every line of a step operator to the step's yield", () => {
    const step = mutex.sourceMap.steps.worker_release!;
    for (const text of ["worker_release(self) ==", '/\\ pc[self] = "release"', "/\\ holder' = Null"]) {
      const region = tsSourceOfTlaLine(mutex.sourceMap, lineOf(mutex, text));
      expect(region?.what, text).to.equal('step "release" of worker');
      expect(region?.pos).to.deep.equal(step.pos);
    }
  });

  it("maps properties, TypeOK and Init lines, state declarations and helpers", () => {
    const what = (text: string) => tsSourceOfTlaLine(mutex.sourceMap, lineOf(mutex, text))?.what;
    expect(what("mutualExclusion ==")).to.equal("invariant mutualExclusion");
    expect(what("someoneInCritical_unreached ==")).to.equal("witness someoneInCritical");
    expect(what("lockIsReleased ==")).to.equal("temporal lockIsReleased");
    expect(what("/\\ holder \\in")).to.equal("the type of s.holder");
    expect(what("/\\ holder = Null")).to.equal("the initial value of s.holder");
    expect(what("worker_next(self) ==")).to.equal("process worker");
    const helper = dax.sourceMap.regions.find((r) => r.what.startsWith("helper "));
    expect(helper, "DAX has pure helpers").to.not.equal(undefined);
    expect(helper!.pos.file).to.match(/^spec-src\/dax\//);
  });

  it("leaves structural lines unmapped, and regions never overlap", () => {
    expect(tsSourceOfTlaLine(mutex.sourceMap, lineOf(mutex, "Spec =="))).to.equal(undefined);
    for (const c of [mutex, dax]) {
      const rs = c.sourceMap.regions;
      for (let i = 1; i < rs.length; i++) expect(rs[i]!.from, `${c.name} region ${i}`).to.be.greaterThan(rs[i - 1]!.to);
    }
  });
});

describe("a generated module the checker rejects is a compiler bug, located in the TS", function () {
  this.timeout(120_000);
  const mutex = compileFile(MUTEX);
  const releaseYield = `${MUTEX}:${mutex.sourceMap.steps.worker_release!.pos.line}:${mutex.sourceMap.steps.worker_release!.pos.col}`;

  it("TLC: a SANY parse error in a step names the step's TS position", async function () {
    await requireTlc(this);
    const broken = tampered(mutex, "/\\ holder' = Null", "/\\ holder' = = Null");
    const r = await checkScenario(broken, "two", { engine: "tlc" });
    expect(r.verdict).to.equal("error");
    expect(r.error!.kind).to.equal("parse-error");
    expect(r.error!.message).to.match(new RegExp(`^${releaseYield}: ts2tla compiler bug: `));
    expect(r.error!.message).to.include(`generated/mutex/Mutex.tla:${lineOf(broken, "/\\ holder' = = Null")}:`);
    expect(r.error!.message).to.include('the translation of step "release" of worker');
    expect(r.error!.hint).to.match(/bug in ts2tla's compiler, not in your protocol/);
  });

  it("TLC: a SANY semantic error in a property names the property's TS position", async function () {
    await requireTlc(this);
    const broken = tampered(mutex, "mutualExclusion == \\A p \\in Workers", "mutualExclusion == \\A p \\in Workerz");
    const r = await checkScenario(broken, "two", { engine: "tlc" });
    expect(r.error!.kind).to.equal("semantic-error");
    const prop = mutex.sourceMap.properties.mutualExclusion!.pos;
    expect(r.error!.message).to.match(new RegExp(`^${MUTEX}:${prop.line}:${prop.col}: ts2tla compiler bug: .*the translation of invariant mutualExclusion`));
  });

  it("embedded engine: an undefined name (it gives no position) is found in the module and located", async () => {
    const broken = tampered(mutex, "/\\ holder' = Null", "/\\ holder' = Nul");
    const r = await checkScenario(broken, "two", { engine: "embedded" });
    expect(r.error!.kind).to.equal("semantic-error");
    expect(r.error!.message).to.match(new RegExp(`^${releaseYield}: ts2tla compiler bug: `));
  });
});
