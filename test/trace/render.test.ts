// Every renderer on real TLC counterexamples of the examples, against snapshots in
// test/snapshots/trace/ (UPDATE_SNAPSHOTS=1 refreshes them). TLC tier: skipped where TLC is not.
import { expect } from "chai";
import { traceOfReport } from "../../tools/trace/compiled.ts";
import { renderHtml } from "../../tools/trace/render/html.ts";
import { renderItf } from "../../tools/trace/render/itf.ts";
import { renderJson } from "../../tools/trace/render/json.ts";
import { renderMarkdown } from "../../tools/trace/render/markdown.ts";
import { renderText } from "../../tools/trace/render/text.ts";
import type { Trace } from "../../tools/trace/types.ts";
import { itfProblems } from "../helpers/itf.ts";
import { matchSnapshot } from "../helpers/snapshot.ts";
import { requireTlc } from "../helpers/tlc.ts";
import { CASES, runCase } from "../helpers/traceRuns.ts";

describe("trace renderers (TLC tier)", function () {
  this.timeout(300_000);
  const traces = new Map<string, Trace>();

  before(async function () {
    await requireTlc(this);
    for (const k of CASES) {
      const run = await runCase(k, "tlc");
      expect(run.result.verdict, k.name).to.equal("violated");
      const trace = traceOfReport(run.compiled, k.scenario, { name: k.property, kind: "invariant", verdict: "violated", violation: run.result.violation, counterexample: run.result.counterexample });
      traces.set(k.name, trace!);
    }
  });

  for (const k of CASES) {
    it(`renders ${k.name} as text, Markdown, HTML, JSON and ITF`, () => {
      const t = traces.get(k.name)!;
      expect(t.source).to.equal("json-dump");
      expect(t.warnings).to.deep.equal([]);
      expect(t.explanation.evidence).to.equal("engine");
      matchSnapshot(`trace/${k.name}.txt`, renderText(t, { color: false, width: 100 }));
      matchSnapshot(`trace/${k.name}.md`, renderMarkdown(t));
      matchSnapshot(`trace/${k.name}.html`, renderHtml(t));
      matchSnapshot(`trace/${k.name}.json`, renderJson(t));
      const itf = renderItf(t);
      expect(itfProblems(JSON.parse(itf))).to.deep.equal([]);
      matchSnapshot(`trace/${k.name}.itf.json`, itf);
    });
  }

  it("colours the terminal text, and fits it to a narrow terminal", () => {
    const t = traces.get("liveness-carsCross")!;
    const ansi = renderText(t, { color: true, width: 100 });
    expect(ansi).to.include("\x1b[1m");
    matchSnapshot("trace/liveness-carsCross.ansi.txt", ansi);
    const narrow = renderText(traces.get("twoPhase-consistent")!, { color: false, width: 60 });
    for (const line of narrow.split("\n")) expect([...line].length, line).to.be.at.most(60);
    matchSnapshot("trace/twoPhase-consistent.w60.txt", narrow);
  });

  it("renders Markdown whose tables keep their columns", () => {
    for (const [name, t] of traces) {
      const md = renderMarkdown(t);
      for (const row of md.split("\n").filter((l) => l.startsWith("| ") && !l.startsWith("| variable") && !l.startsWith("| ---"))) {
        const cells = row.replace(/\\\|/g, "").split("|").length - 2;
        expect(cells, `${name}: ${row}`).to.be.oneOf([2, 5]);
      }
    }
  });
});
