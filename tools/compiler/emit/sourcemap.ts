// The source map: how TLA+ names, lines and values map back to the TypeScript the user wrote.
import { pidConstant, type IrProtocol, type IrType, type SourcePos } from "../ir.ts";
import type { EmittedModel } from "./cfg.ts";
import type { EmittedModule, TlaRegion } from "./tla.ts";
import { usesNull, usesUndefined } from "./tla.ts";
import { showType } from "../showType.ts";

export interface SourceMap {
  version: 1;
  protocol: string;
  module: string;
  file: string;
  variables: Record<string, { kind: "state" | "pc" | "local"; ts: string; process?: string; type?: IrType; typeText?: string; pos?: SourcePos }>;
  /** kind "pidLiteral": the constant of a process-id literal, set to the model value `id` in every cfg. */
  constants: Record<string, { kind: "pidSet" | "value" | "processId" | "pidLiteral" | "null" | "undefined" | "nan"; type?: IrType; id?: string; pos?: SourcePos }>;
  processes: Record<string, { set?: string; operator: string; fairness: string; initialStep: string; steps: string[]; pos: SourcePos }>;
  steps: Record<string, { process: string; label: string; fairness?: string; pos: SourcePos; statement?: string; tlaLine: number }>;
  properties: Record<string, { tla: string; kind: string; pos: SourcePos; tlaLine: number }>;
  scenarios: Record<string, { cfg: string; witnesses: Record<string, string>; deadlock: boolean; properties: string[]; expect: Record<string, string>; constants: Record<string, unknown>; description?: string; pos: SourcePos }>;
  /** Lines of the module and the TS they translate, in line order. */
  regions: TlaRegion[];
}

export function buildSourceMap(ir: IrProtocol, mod: EmittedModule, models: EmittedModel[]): SourceMap {
  const variables: SourceMap["variables"] = {};
  for (const v of ir.stateVars) variables[v.tlaName] = { kind: "state", ts: `s.${v.tsName}`, type: v.type, typeText: showType(v.type), pos: v.pos };
  variables.pc = { kind: "pc", ts: "(the next step of each process)" };
  for (const p of ir.processes) {
    for (const l of p.locals) variables[l.tlaName] = { kind: "local", ts: l.tsName, process: p.name, type: l.type, typeText: showType(l.type), pos: l.pos };
  }
  const constants: SourceMap["constants"] = {};
  for (const c of ir.constants) constants[c.name] = { kind: c.kind, type: c.type, pos: c.pos };
  for (const p of ir.processes) if (!p.set) constants[p.name] = { kind: "processId", pos: p.pos };
  for (const l of ir.pidLiterals) constants[pidConstant(l.id)] = { kind: "pidLiteral", id: l.id, pos: l.pos };
  if (usesNull(ir)) constants.Null = { kind: "null" };
  if (usesUndefined(ir)) constants.Undefined = { kind: "undefined" };
  if (ir.usesNaN) constants.NaN = { kind: "nan" };
  const processes: SourceMap["processes"] = {};
  const steps: SourceMap["steps"] = {};
  for (const p of ir.processes) {
    processes[p.name] = { set: p.set, operator: p.operator, fairness: p.fairness, initialStep: p.initialLabel, steps: p.labels, pos: p.pos };
    for (const s of p.steps) {
      steps[s.operator] = { process: p.name, label: s.label, fairness: s.fairness, pos: s.pos, statement: s.firstStatement, tlaLine: mod.stepLines[s.operator]! };
    }
  }
  const properties: SourceMap["properties"] = {};
  for (const p of ir.properties) properties[p.tsName] = { tla: p.tlaName, kind: p.kind, pos: p.pos, tlaLine: mod.propertyLines[p.tlaName]! };
  const scenarios: SourceMap["scenarios"] = {};
  for (const s of ir.scenarios) {
    const own = models.filter((m) => m.scenario === s.name);
    const witnesses: Record<string, string> = {};
    for (const m of own) if (m.purpose.kind === "witness") witnesses[m.purpose.witness] = m.file;
    scenarios[s.name] = {
      cfg: own.find((m) => m.purpose.kind === "properties")!.file,
      witnesses,
      deadlock: s.deadlock,
      properties: s.properties,
      expect: s.expect,
      constants: Object.fromEntries(
        Object.entries(s.constants).map(([k, v]) => [k, v.kind === "modelValues" ? v.names : v.kind === "set" ? v.elems : v.kind === "seq" ? { seq: v.elems, def: v.def } : v.kind === "data" ? { data: v.value, def: v.def } : v.value]),
      ),
      description: s.description,
      pos: s.pos,
    };
  }
  return { version: 1, protocol: ir.name, module: ir.module, file: ir.file, variables, constants, processes, steps, properties, scenarios, regions: mod.regions };
}

/** The TS source that line `line` of the generated module translates, if any. */
export function tsSourceOfTlaLine(map: Pick<SourceMap, "regions">, line: number): TlaRegion | undefined {
  return map.regions.find((r) => r.from <= line && line <= r.to);
}
