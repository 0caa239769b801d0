// A validator of the Informal Trace Format (Apalache ADR-015): the JSON Schema in
// tools/trace/itf.schema.json for the syntax, plus the rules a schema cannot say.
import { Ajv } from "ajv";
import { readFileSync } from "node:fs";

const schema = JSON.parse(readFileSync(new URL("../../tools/trace/itf.schema.json", import.meta.url), "utf8"));
const validate = new Ajv({ allErrors: true, strict: true }).compile(schema);

/** Every rule the value breaks, empty when it is a valid ITF trace. */
export function itfProblems(value: unknown): string[] {
  if (!validate(value)) return (validate.errors ?? []).map((e) => `${e.instancePath || "/"} ${e.message}`);
  const trace = value as { vars: string[]; states: Array<Record<string, unknown>>; loop?: number };
  const problems: string[] = [];
  trace.states.forEach((s, i) => {
    const keys = Object.keys(s).filter((k) => k !== "#meta");
    for (const v of trace.vars) if (!(v in s)) problems.push(`state ${i} does not define variable ${v}`);
    for (const k of keys) if (!trace.vars.includes(k)) problems.push(`state ${i} defines ${k}, which is not in vars`);
    const meta = s["#meta"] as { index?: unknown } | undefined;
    if (meta && meta.index !== undefined && meta.index !== i) problems.push(`state ${i} has #meta.index ${String(meta.index)}`);
  });
  if (trace.loop !== undefined && (trace.loop < 0 || trace.loop >= trace.states.length)) problems.push(`loop ${trace.loop} is not the index of a state`);
  return problems;
}
