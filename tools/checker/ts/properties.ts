// The temporal properties of a protocol as the TS engine checks them: each `forAll` unrolled over its
// process ids (or the elements of its constant set) into instances of one of the five basic forms, whose predicates are the protocol's own
// TS functions.
import type { IrProperty } from "../../compiler/ir.ts";
import type { StatePredicate, Temporal } from "../../lang/index.ts";

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

/** `idsOf(set)`: the process ids (as `self` values) or the constant set's elements a `forAll` ranges over. */
export function unrollTemporal(property: IrProperty, formula: Temporal<unknown, unknown>, idsOf: (set: string) => readonly unknown[] | undefined): TemporalInstance[] {
  const out: TemporalInstance[] = [];
  const walk = (f: Temporal<unknown, unknown>, bindings: string[]): void => {
    if (f.op === "forAll") {
      const ids: unknown[] = [];
      for (const set of typeof f.set === "string" ? [f.set] : f.set) {
        const some = idsOf(set);
        if (!some) throw new PropertyShapeError(`property ${property.tsName}: forAll over '${set}', which is neither a process set, a process nor a constant set`);
        // A union: an id in two of the sets is one instance.
        for (const id of some) if (!ids.includes(id)) ids.push(id);
      }
      for (const id of ids) walk(f.body(id as never), [...bindings, String(id)]);
      return;
    }
    out.push({ property, bindings, formula: f });
  };
  walk(formula, []);
  return out;
}
