// Whether a lasso violates a temporal property, and for which instance of its `forAll`: the generated
// formula (`\A p \in S : P ~> Q`, `<>P`, `[]P`, `[]<>P`, `<>[]P`) evaluated over the trace's states,
// each state predicate by the engine. Used to name the property of a JSON dump (which names none)
// and the process a per-process property fails for.
import type { Trace, TsValue } from "../types.ts";
import { engineJsonToTla, engineJsonToTs } from "./encode.ts";
import type { Probe } from "./probe.ts";
import { splitTopLevel, stripParens, topLevelIndex } from "./tlaParts.ts";

type Formula =
  | { k: "leadsTo"; from: string; to: string }
  | { k: "eventually" | "always" | "alwaysEventually" | "eventuallyAlways"; pred: string };

interface Quantified {
  bounds: Array<{ name: string; set: string }>;
  body: Formula;
}

function parse(text: string): Quantified | undefined {
  const bounds: Quantified["bounds"] = [];
  let rest = stripParens(text.trim());
  for (;;) {
    const m = /^\\A\s+([A-Za-z_]\w*)\s+\\in\s+/.exec(rest);
    if (!m) break;
    const colon = topLevelIndex(rest, ":", m[0].length);
    if (colon < 0) return undefined;
    bounds.push({ name: m[1]!, set: rest.slice(m[0].length, colon).trim() });
    rest = stripParens(rest.slice(colon + 1).trim());
  }
  const leads = splitTopLevel(rest, "~>");
  if (leads.length === 2) return { bounds, body: { k: "leadsTo", from: leads[0]!, to: leads[1]! } };
  for (const [prefix, k] of [["[]<>", "alwaysEventually"], ["<>[]", "eventuallyAlways"], ["[]", "always"], ["<>", "eventually"]] as const) {
    if (rest.startsWith(prefix)) return { bounds, body: { k, pred: rest.slice(prefix.length) } };
  }
  return undefined;
}

export interface TemporalVerdict {
  violated: boolean;
  /** The instance of the quantifiers that fails, outermost first. */
  bindings: Array<{ name: string; value: TsValue }>;
}

/** Undefined when the formula is not of a supported shape or the engine cannot evaluate it. */
export function checkLasso(trace: Trace, probe: Probe, formulaText: string): TemporalVerdict | undefined {
  const f = parse(formulaText);
  const last = trace.steps.length - 1;
  if (!f || last < 0 || !trace.loop) return undefined;
  const loopFrom = trace.loop.kind === "back-to-step" ? trace.loop.toStep : last;
  const cache = new Map<string, boolean | undefined>();
  const at = (i: number, pred: string, lets: string): boolean | undefined => {
    const key = `${i}\0${lets}\0${pred}`;
    if (!cache.has(key)) {
      const r = probe.evaluate(trace.steps[i]!.state, lets ? `LET ${lets} IN ${pred}` : pred);
      cache.set(key, typeof r?.json === "boolean" ? r.json : undefined);
    }
    return cache.get(key);
  };
  const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, k) => from + k);
  /** Does the lasso satisfy the body under these LET bindings? */
  const holds = (lets: string): boolean | undefined => {
    const all = (is: number[], pred: string) => {
      let unknown = false;
      for (const i of is) {
        const v = at(i, pred, lets);
        if (v === false) return false;
        if (v === undefined) unknown = true;
      }
      return unknown ? undefined : true;
    };
    const some = (is: number[], pred: string) => {
      let unknown = false;
      for (const i of is) {
        const v = at(i, pred, lets);
        if (v === true) return true;
        if (v === undefined) unknown = true;
      }
      return unknown ? undefined : false;
    };
    const b = f.body;
    switch (b.k) {
      case "always":
        return all(range(0, last), b.pred);
      case "eventually":
        return some(range(0, last), b.pred);
      case "alwaysEventually":
        return some(range(loopFrom, last), b.pred);
      case "eventuallyAlways":
        return all(range(loopFrom, last), b.pred);
      case "leadsTo": {
        for (const i of range(0, last)) {
          const p = at(i, b.from, lets);
          if (p === undefined) return undefined;
          if (!p) continue;
          const future = [...new Set([...range(i, last), ...range(loopFrom, last)])];
          const q = some(future, b.to);
          if (q !== true) return q;
        }
        return true;
      }
    }
  };

  const bindings: Array<[string, string, unknown]> = [];
  const search = (depth: number): boolean | undefined => {
    const lets = bindings.map(([n, tla]) => `${n} == ${tla}`).join(" ");
    if (depth === f.bounds.length) {
      const h = holds(lets);
      return h === undefined ? undefined : !h;
    }
    const { name, set } = f.bounds[depth]!;
    const r = probe.evaluate(trace.steps[0]!.state, lets ? `LET ${lets} IN ${set}` : set);
    if (!Array.isArray(r?.json)) return undefined;
    for (const e of r.json as unknown[]) {
      bindings.push([name, engineJsonToTla(e), e]);
      const found = search(depth + 1);
      if (found !== false) return found;
      bindings.pop();
    }
    return false;
  };
  const found = search(0);
  if (found === undefined) return undefined;
  return { violated: found, bindings: found ? bindings.map(([name, , json]) => ({ name, value: engineJsonToTs(json) })) : [] };
}
