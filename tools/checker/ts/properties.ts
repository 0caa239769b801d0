// The temporal properties of a protocol as the TS engine checks them: each `forAll` unrolled over its
// process ids into instances of one of the five basic forms, whose predicates are the protocol's own
// TS functions.
import type { IrProperty } from "../../compiler/ir.ts";
import type { Pid, StatePredicate, Temporal } from "../../lang/index.ts";

export type BasicTemporal =
  | { op: "always" | "eventually" | "alwaysEventually" | "eventuallyAlways"; pred: StatePredicate<unknown, unknown> }
  | { op: "leadsTo"; from: StatePredicate<unknown, unknown>; to: StatePredicate<unknown, unknown> };

export interface TemporalInstance {
  property: IrProperty;
  /** The `forAll` bindings that produced it, outermost first: `p = A`. */
  bindings: string[];
  formula: BasicTemporal;
}

export class PropertyShapeError extends Error {}

export function unrollTemporal(property: IrProperty, formula: Temporal<unknown, unknown>, idsOf: (set: string) => readonly string[] | undefined): TemporalInstance[] {
  const out: TemporalInstance[] = [];
  const walk = (f: Temporal<unknown, unknown>, bindings: string[]): void => {
    if (f.op === "forAll") {
      const ids = idsOf(f.set);
      if (!ids) throw new PropertyShapeError(`property ${property.tsName}: forAll over '${f.set}', which is neither a process set nor a process`);
      for (const id of ids) walk(f.body(id as Pid), [...bindings, id]);
      return;
    }
    out.push({ property, bindings, formula: f });
  };
  walk(formula, []);
  return out;
}
