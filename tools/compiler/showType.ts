// An IR type as the TypeScript a user writes for it (`Int<0, 3>`, `ReadonlySet<Pid>`).
import type { IrType } from "./ir.ts";

export function showType(t: IrType): string {
  switch (t.k) {
    case "bool":
      return "boolean";
    case "int":
      return `Int<${t.lo}, ${t.hi}>`;
    case "lits":
      return t.values.map((v) => JSON.stringify(v)).join(" | ");
    case "pid":
      return "Pid";
    case "null":
      return "null";
    case "union":
      return t.members.map(showType).join(" | ");
    case "record":
      return `{ ${t.fields.map((f) => `${f.name}: ${showType(f.type)}`).join("; ")} }`;
    case "seq":
      return `${t.elem.k === "union" ? `(${showType(t.elem)})` : showType(t.elem)}[]`;
    case "set":
      return `ReadonlySet<${showType(t.elem)}>`;
    case "byPid":
      return t.domain ? `FnOn<"${t.domain}", ${showType(t.value)}>` : `ByPid<${showType(t.value)}>`;
  }
}
