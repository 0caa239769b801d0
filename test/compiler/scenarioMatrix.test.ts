// Scenario matrices (`...matrix("name-{X}", { X: [...] }, base)`) and constants computed from the
// others (`Nodes: (c) => range(0, c.N - 1)`): what the compiler reads statically is what the
// protocol's own object holds at run time, and each expanded scenario checks as a written one would.
// Alone: npx mocha --no-config --node-option import=tsx --timeout 600000 test/compiler/scenarioMatrix.test.ts
import { expect } from "chai";
import { createProject } from "../../tools/compiler/index.ts";
import { ProtocolRuntime } from "../../tools/runtime/index.ts";
import { checkScenario } from "../../tools/verify/scenario.ts";
import { CaseFolder, compileCase, numbered, run, type Case } from "../helpers/semantics.ts";

const PROTOCOL = (scenarios: string, top = "") => `import { invariant, matrix, processSet, protocol, range, type Int } from "ts2tla";
${top}
interface State {
  count: Int<0, 4>;
}

interface Constants {
  N: Int<1, 4>;
  Procs: ReadonlySet<Int<1, 4>>;
  Limit: Int<0, 4>;
}

const base = { constants: { N: 1, Procs: (c: Constants) => range(1, c.N), Limit: 4 }, deadlock: false } as const;

export default protocol<State, Constants>({
  init: () => ({ count: 0 }),
  processes: {
    worker: processSet("Procs", function* (self, s) {
      yield "a";
      s.count += 1;
    }),
  },
  properties: {
    underLimit: invariant((s, c) => s.count < c.Limit),
  },
  scenarios: {
${scenarios}
  },
});
`;

const at = (name: string, src: string): Case => ({ name, group: "matrix", src, expect: run() });

describe("scenario matrices and computed constants", function () {
  this.timeout(120_000);
  const project = createProject();
  let folder: CaseFolder;
  before(() => (folder = new CaseFolder()));
  after(() => folder.remove());

  it("expands one scenario per combination, the first key slowest, and each checks as written", async () => {
    const out = compileCase(project, folder, at("matrixExpands", PROTOCOL(`    ...matrix("n{N}-limit{Limit}", { N: [2, 3], Limit: [3, 4] }, base),`)));
    if (!out.ok) expect.fail(out.diagnostics.map((d) => `${d.line}:${d.col}: ${d.code} ${d.message}`).join("\n") + numbered(out.text));
    const scenarios = out.compiled.ir.scenarios;
    expect(scenarios.map((s) => s.name)).to.deep.equal(["n2-limit3", "n2-limit4", "n3-limit3", "n3-limit4"]);
    expect(scenarios.map((s) => s.constants.Procs)).to.deep.equal([
      { kind: "set", elems: [1, 2] },
      { kind: "set", elems: [1, 2] },
      { kind: "set", elems: [1, 2, 3] },
      { kind: "set", elems: [1, 2, 3] },
    ]);
    expect(scenarios[0]!.computed).to.deep.equal({ Procs: "(c: Constants) => range(1, c.N)" });
    // Only three workers reach a count of 3.
    const verdicts: Record<string, string | undefined> = {};
    for (const s of scenarios) {
      const report = await checkScenario(out.compiled, s.name, { engine: "ts", timeoutSeconds: 60 });
      verdicts[s.name] = report.properties.find((p) => p.name === "underLimit")?.verdict;
    }
    expect(verdicts).to.deep.equal({ "n2-limit3": "holds", "n2-limit4": "holds", "n3-limit3": "violated", "n3-limit4": "holds" });
    // The runtime's own object has the same scenarios (and its functions give the compiler's values).
    const rt = await ProtocolRuntime.fromCompiled(out.compiled, "n3-limit4");
    expect(Object.keys(rt.decl.scenarios ?? {})).to.deep.equal(scenarios.map((s) => s.name));
    expect([...(rt.constants.Procs as Set<number>)]).to.deep.equal([1, 2, 3]);
  });

  const rejected: Array<[string, string, RegExp]> = [
    ["a varied value outside its type, where it is written", `    ...matrix("n{N}", { N: [2, 9] }, base),`, /TSLA021 .*n9.*constants\.N/],
    ["a template without a varied key", `    ...matrix("same", { N: [2, 3] }, base),`, /TSLA066 .*has no \{N\}/],
    ["two scenarios of one name", `    n2: base,\n    ...matrix("n{N}", { N: [2, 3] }, base),`, /TSLA021 .*n2.*two scenarios have this name/],
    ["a spread of anything but matrix", `    ...{ n2: base },`, /TSLA022/],
    ["an empty list of values", `    ...matrix("n{N}", { N: [] }, base),`, /TSLA066 .*non-empty array/],
  ];
  for (const [what, scenarios, diagnostic] of rejected) {
    it(`rejects ${what}`, () => {
      const out = compileCase(project, folder, at(`matrixRejects${rejected.findIndex((r) => r[0] === what)}`, PROTOCOL(scenarios)));
      if (out.ok) expect.fail(`compiled, expected ${diagnostic}\n${numbered(out.text)}`);
      const d = out.diagnostics[0]!;
      expect(`${d.code} ${d.message}`).to.match(diagnostic);
    });
  }
});
