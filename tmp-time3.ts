import { readFileSync } from "node:fs";
import { compileFile } from "./tools/compiler/index.ts";
import { encodeState } from "./tools/trace/probe/encode.ts";
import { nextStates } from "./tools/trace/probe/wasm.ts";
import { scenarioPids } from "./tools/trace/roster.ts";
const c = compileFile("spec-src/dax/dax.ts");
const t = JSON.parse(readFileSync("/tmp/tx/dax.json", "utf8"));
let spec = c.files.find(f => f.path === c.moduleFile)!.text;
const cfg = c.files.find(f => f.path.endsWith("seed-v5_12.cfg"))!.text;
const map = c.sourceMap; const s = map.scenarios["seed-v5_12"]!;
const pidsOf = (p: string) => { const pr = map.processes[p]!; return pr.set ? (s.constants[pr.set] as string[]) : [p]; };
for (const st of t.steps) {
  const enc = encodeState(map, st.state, pidsOf);
  const t0 = Date.now();
  const nx = nextStates(spec, cfg, enc)!;
  const ms = Date.now() - t0;
  console.log(st.n, ms, "ms", nx.map(tr => tr.action + ":" + JSON.stringify((tr.state.json as any).pc) === JSON.stringify(enc.pc)));
}
