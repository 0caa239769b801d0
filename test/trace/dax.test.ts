// The DAX seed bug (Linux v5.12) as the decoded trace tells it: the six steps of DAX.md. TLC tier,
// and only once spec-src/dax/dax.ts exists. Asserts the story, not step numbers or labels that the
// model may refine: a fault holds the entry locked; three invalidators sleep on it; the fault unlocks
// and wakes one (X); X removes the entry and wakes the next (Y); Y finds nothing and wakes nobody;
// the third (Z) sleeps forever.
import { expect } from "chai";
import { Ajv } from "ajv";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { traceOfReport } from "../../tools/trace/compiled.ts";
import { renderHtml } from "../../tools/trace/render/html.ts";
import { renderItf } from "../../tools/trace/render/itf.ts";
import { renderJson } from "../../tools/trace/render/json.ts";
import { renderMarkdown } from "../../tools/trace/render/markdown.ts";
import { renderText } from "../../tools/trace/render/text.ts";
import type { StepMove, Trace, TraceStep } from "../../tools/trace/types.ts";
import { itfProblems } from "../helpers/itf.ts";
import { requireTlc } from "../helpers/tlc.ts";
import { compiled, runCase } from "../helpers/traceRuns.ts";

const DAX = "spec-src/dax/dax.ts";
const ARTIFACTS = new URL("../../test-artifacts/", import.meta.url);

function addsTo(step: StepMove, variable: string, pid: string): boolean {
  return step.changes.some((c) => c.kind === "value" && c.variable === variable && c.op !== "removed" && JSON.stringify(c.after ?? {}).includes(`"value":"${pid}"`));
}

describe("the DAX seed trace (TLC tier)", function () {
  this.timeout(600_000);
  let trace: Trace;

  before(async function () {
    if (!existsSync(DAX)) {
      console.log(`      DAX trace tests skipped: ${DAX} does not exist yet`);
      this.skip();
    }
    await requireTlc(this);
    const c = compiled(DAX);
    const seed = c.ir.scenarios.find((s) => /seed/.test(s.name) && /5[._]?12/.test(s.name));
    const property = seed && Object.entries(seed.expect).find(([, v]) => v === "violated")?.[0];
    if (!seed || !property) {
      console.log("      DAX trace tests skipped: no v5.12 seed scenario with an expected violation");
      this.skip();
    }
    const run = await runCase({ name: "dax-seed", file: DAX, scenario: seed.name, property }, "tlc");
    expect(run.result.verdict, run.result.error?.message).to.equal("violated");
    trace = traceOfReport(c, seed.name, { name: property, kind: "temporal", verdict: "violated", violation: run.result.violation, counterexample: run.result.counterexample })!;
  });

  it("tells the six-step story of DAX.md", () => {
    const steps = trace.steps.slice(1);
    const faults = new Set(trace.processes.filter((p) => /fault/.test(p.process)).map((p) => p.id));
    const invalidators = trace.processes.filter((p) => /invalidat/.test(p.process)).map((p) => p.id);
    expect(invalidators).to.have.length(3);

    // 1. A fault holds the entry locked.
    const lock = steps.findIndex((s) => s.actor && faults.has(s.actor.id) && addsTo(s, "s.lockHolders", s.actor.id));
    expect(lock, "a fault locks the entry").to.be.at.least(0);
    // 2. Invalidators A, B and C find it locked and sleep on its key.
    const sleeps = invalidators.map((id) => steps.findIndex((s) => s.actor?.id === id && addsTo(s, "s.waitq", id)));
    for (const i of sleeps) expect(i, "each invalidator goes to sleep").to.be.greaterThan(lock);
    // 3. The fault unlocks and wakes next: X.
    const wake = steps.findIndex((s, i) => i > Math.max(...sleeps) && s.actor && faults.has(s.actor.id) && s.wakes?.length);
    expect(wake, "the fault wakes one sleeper").to.be.at.least(0);
    expect(steps[wake]!.wakes).to.have.length(1);
    const x = steps[wake]!.wakes![0]!;
    expect(invalidators).to.include(x);
    // 4. X removes the entry (stores NULL) and wakes next: Y.
    const xStep = steps.find((s, i) => i > wake && s.actor?.id === x) as TraceStep;
    expect(xStep.changes.some((c) => c.kind === "value" && c.path === "s.xa" && c.after?.kind === "null"), "X removes the entry").to.equal(true);
    expect(xStep.wakes).to.have.length(1);
    const y = xStep.wakes![0]!;
    expect(invalidators).to.include(y).and.to.not.equal(x);
    // 5. Y finds NULL and wakes nobody.
    const yStep = steps.find((s) => s.n > xStep.n && s.actor?.id === y) as TraceStep;
    expect(yStep.wakes ?? []).to.deep.equal([]);
    // 6. Z sleeps forever.
    const z = invalidators.find((id) => id !== x && id !== y)!;
    expect(steps.filter((s) => s.n > yStep.n && s.actor?.id === z)).to.deep.equal([]);
    const fate = trace.explanation.processes.find((f) => f.id === z)!;
    expect(fate.status).to.equal("blocked");
    expect(trace.explanation.headline).to.include(`${z} waits forever`);
    expect(trace.explanation.bindings?.[0]?.value).to.deep.equal({ kind: "pid", value: z });
    expect(trace.explanation.details.join(" ")).to.include(`Nothing can wake ${z}`);
  });

  it("renders the seed trace in every format", async () => {
    const schema = JSON.parse(readFileSync(new URL("../../tools/trace/trace.schema.json", import.meta.url), "utf8"));
    const validate = new Ajv({ strict: true }).compile(schema);
    expect(validate(JSON.parse(renderJson(trace))), JSON.stringify(validate.errors)).to.equal(true);
    expect(itfProblems(JSON.parse(renderItf(trace)))).to.deep.equal([]);
    expect(renderText(trace)).to.include("stutters forever");
    expect(renderMarkdown(trace)).to.include("| # | process | step | where | what changed |");
    mkdirSync(ARTIFACTS, { recursive: true });
    writeFileSync(new URL("dax-seed.html", ARTIFACTS), renderHtml(trace));
    writeFileSync(new URL("dax-seed.txt", ARTIFACTS), renderText(trace, { color: false, width: 110 }));
  });
});
