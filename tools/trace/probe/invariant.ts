// Which part of a violated invariant is false in the last state: the instance of each `all(...)`
// (e.g. `p = "w2"`) and the false conjunct, named in the TS when its structure matches the TLA+.
import type { InvariantBreak, Trace, TsState } from "../types.ts";
import { engineJsonToTla, engineJsonToTs } from "./encode.ts";
import type { Probe } from "./probe.ts";
import { splitTla, type TlaPart } from "./tlaParts.ts";
import { tsPredicate, type TsPart } from "./tsParts.ts";

type PathStep = { k: "and" | "or"; index: number; of: number } | { k: "forall" };

export function analyzeInvariant(trace: Trace, probe: Probe | undefined): InvariantBreak {
  const prop = trace.property;
  const out: InvariantBreak = { name: prop.name, evaluated: false };
  if (prop.at) out.at = prop.at;
  const source = probe?.tsSource && prop.at ? propertySourceAt(probe.tsSource, prop, probe) : undefined;
  if (source) out.source = source;
  const last = trace.steps[trace.steps.length - 1];
  const body = prop.tla && probe?.definition(prop.tla);
  if (!probe || !last || !body) return out;

  const bindings: Array<[string, string, unknown]> = [];
  const path: PathStep[] = [];
  const holds = (state: TsState, expr: string): boolean | undefined => {
    const lets = bindings.map(([name, tla]) => `${name} == ${tla}`).join(" ");
    const r = probe.evaluate(state, lets ? `LET ${lets} IN ${expr}` : expr);
    return typeof r?.json === "boolean" ? r.json : undefined;
  };
  let node: TlaPart = splitTla(body);
  if (holds(last.state, node.text) !== false) return out;
  out.evaluated = true;
  let failing: { text: string; index: number; of: number; depth: number } | undefined;
  for (;;) {
    if (node.k === "forall") {
      const q = node;
      const lets = bindings.map(([name, tla]) => `${name} == ${tla}`).join(" ");
      const set = probe.evaluate(last.state, lets ? `LET ${lets} IN ${q.set}` : q.set);
      const elems: unknown[] = Array.isArray(set?.json) ? set.json : [];
      const bad = elems.find((e) => {
        bindings.push([q.bound, engineJsonToTla(e), e]);
        const ok = holds(last.state, q.body.text);
        bindings.pop();
        return ok === false;
      });
      if (bad === undefined) break;
      bindings.push([q.bound, engineJsonToTla(bad), bad]);
      path.push({ k: "forall" });
      node = q.body;
      failing = { text: node.text, index: 0, of: 1, depth: path.length };
      continue;
    }
    if (node.k === "and") {
      const index = node.parts.findIndex((p) => holds(last.state, p.text) === false);
      if (index < 0) break;
      path.push({ k: "and", index, of: node.parts.length });
      failing = { text: node.parts[index]!.text, index, of: node.parts.length, depth: path.length };
      node = node.parts[index]!;
      continue;
    }
    if (node.k === "or") {
      // Every part is false; go on into the first part with more structure (a quantifier or a conjunction).
      const index = node.parts.findIndex((p) => p.k !== "atom");
      if (index < 0) break;
      path.push({ k: "or", index, of: node.parts.length });
      node = node.parts[index]!;
      continue;
    }
    break;
  }
  if (bindings.length) out.bindings = bindings.map(([name, , json]) => ({ name, value: engineJsonToTs(json) }));
  if (failing) {
    const tsText = source ? followTs(source, path.slice(0, failing.depth)) : undefined;
    out.part = tsText ? { text: tsText, language: "ts", index: failing.index, of: failing.of } : { text: failing.text, language: "tla", index: failing.index, of: failing.of };
  }
  return out;
}

/** The TS text of the part `path` leads to, when the TS predicate has the same shape as the TLA+ one. */
function followTs(source: string, path: PathStep[]): string | undefined {
  let node: TsPart | undefined = tsPredicate(source);
  for (const step of path) {
    if (!node) return undefined;
    if (step.k === "forall") {
      if (node.k !== "forall") return undefined;
      node = node.body;
      continue;
    }
    if (node.k !== step.k || node.parts.length !== step.of) return undefined;
    node = node.parts[step.index];
  }
  return node?.text;
}

function propertySourceAt(tsSource: string, prop: Trace["property"], probe: Probe | undefined): string | undefined {
  const entry = probe?.map.properties[prop.name];
  const pos = entry?.pos;
  if (!pos) return undefined;
  const lines = tsSource.split("\n");
  if (pos.endLine > lines.length) return undefined;
  const picked = lines.slice(pos.line - 1, pos.endLine);
  picked[picked.length - 1] = picked[picked.length - 1]!.slice(0, pos.endCol - 1);
  picked[0] = picked[0]!.slice(pos.col - 1);
  return picked.join("\n");
}
