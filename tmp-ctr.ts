import { runCase, CASES } from "./test/helpers/traceRuns.ts";
import { traceOfReport } from "./tools/trace/compiled.ts";
import { renderText } from "./tools/trace/render/text.ts";
for (const name of ["counter-calm", "counter-typeOK"]) for (const engine of ["embedded", "tlc"] as const) {
  const k = CASES.find(c => c.name === name)!;
  const run = await runCase(k, engine);
  const t = traceOfReport(run.compiled, k.scenario, { name: k.property, kind: "invariant", verdict: "violated", violation: run.result.violation, counterexample: run.result.counterexample })!;
  console.log(`=== ${name} ${engine}`); process.stdout.write(renderText(t));
}
