// TLC's `-dump dot,actionlabels FILE` as a StateGraph. What TLC writes (see test/fixtures/tlc-dumps/):
//
//   -6736141634888736502 [label="/\\ holder = Null\n/\\ pc = (w1 :> \"acquire\")",style = filled]
//   -6736141634888736502 -> 2214871801768806876 [label="worker_acquire(w1)",color="black",fontcolor="black"];
//   2214871801768806876 [label="/\\ holder = w1\n...",tooltip="/\\ holder = w1\n..."];
//
// Nodes are state fingerprints, each declared once when first found (initial states with
// `style = filled`); every generated successor is an edge, so self-loops (`Terminating`, UNCHANGED
// steps) appear and edges to known states are not deduplicated. Labels are the state printed by TLC
// (`/\ v = value` conjuncts, or `v = value` for one variable; long values wrap onto indented lines),
// then DOT-escaped: `\\` for `\`, `\"` for `"`, `\n` for a newline. Action labels are `Op` or
// `Op(arg,...)` with TLA+ values as arguments. Lines of other shapes (`{rank = same; ...}`, the
// header, closing braces) carry nothing and are skipped.
import type { GraphEdge, GraphState, StateGraph } from "../stateGraph.ts";
import type { TlaValue } from "../types.ts";
import { parseActionLabel as parseTraceAction, parseStateBody, TraceTextError } from "./toolTrace.ts";
import { printTlaValue } from "./values.ts";

export class StateDumpError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "StateDumpError";
  }
}

const FINGERPRINT = String.raw`-?\d+`;
const NODE_LINE = new RegExp(String.raw`^(${FINGERPRINT}) \[(.*)\];?$`);
const EDGE_LINE = new RegExp(String.raw`^(${FINGERPRINT}) -> (${FINGERPRINT})(?: \[(.*)\])?;?$`);

/** Parse a TLC dot dump. `complete` says whether TLC explored every state (the dump cannot tell). Throws StateDumpError. */
export function parseTlcStateDump(text: string, opts: { complete?: boolean } = {}): StateGraph {
  if (!/^(strict )?digraph DiskGraph\b/.test(text)) throw new StateDumpError("this is not a TLC state dump (no `digraph DiskGraph` header)");
  const ids = new Map<string, number>();
  const states: GraphState[] = [];
  const rawEdges: Array<{ from: string; to: string; label?: string; line: number }> = [];

  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    const where = `line ${i + 1}`;
    const edge = EDGE_LINE.exec(line);
    if (edge) {
      const label = edge[3] === undefined ? undefined : dotAttributes(edge[3], where).label;
      rawEdges.push({ from: edge[1]!, to: edge[2]!, ...(label !== undefined ? { label } : {}), line: i + 1 });
      continue;
    }
    const node = NODE_LINE.exec(line);
    if (node) {
      if (ids.has(node[1]!)) continue;
      const attrs = dotAttributes(node[2]!, where);
      if (attrs.label === undefined) throw new StateDumpError(`${where}: a state without a label`);
      ids.set(node[1]!, states.length);
      states.push({ vars: parseStateLabel(attrs.label, where), initial: attrs.style === "filled" });
      continue;
    }
    if (/^-?\d/.test(line)) throw new StateDumpError(`${where}: cannot read ${JSON.stringify(line.slice(0, 60))}`);
  }

  const edges: GraphEdge[] = rawEdges.map((e) => {
    const from = ids.get(e.from);
    const to = ids.get(e.to);
    if (from === undefined || to === undefined) throw new StateDumpError(`line ${e.line}: a step between states the dump does not declare`);
    return { from, to, ...(e.label !== undefined ? parseActionLabel(e.label) : {}) };
  });
  return { states, edges, complete: opts.complete ?? false };
}

/** `worker_acquire(w1)` → action `worker_acquire`, self `w1`; `Next` → action `Next`. */
export function parseActionLabel(label: string): { action: string; self?: string } {
  let params: TlaValue[];
  let action: string;
  try {
    const a = parseTraceAction(label);
    action = a.name;
    params = Array.isArray(a.params) ? a.params : [];
  } catch (e) {
    if (!(e instanceof TraceTextError)) throw e;
    return { action: /^([A-Za-z_][\w!]*)\(/.exec(label.trim())![1]! };
  }
  // Generated step operators take exactly one parameter, `self`; other shapes say nothing about it.
  if (params.length !== 1) return { action };
  const arg = params[0]!;
  const self = arg.kind === "modelValue" ? arg.name : arg.kind === "str" ? arg.value : printTlaValue(arg);
  return { action, self };
}

/** A state as TLC prints it (the same text as in its -tool traces). */
function parseStateLabel(label: string, where: string): Record<string, TlaValue> {
  try {
    return parseStateBody(label);
  } catch (e) {
    if (e instanceof TraceTextError) throw new StateDumpError(`${where}: ${e.message}`);
    throw e;
  }
}

/** `label="a\"b",style = filled` → { label: 'a"b', style: "filled" }, with DOT escapes undone. */
function dotAttributes(text: string, where: string): Record<string, string> {
  const attrs: Record<string, string> = {};
  let pos = 0;
  const skip = () => {
    while (pos < text.length && /[\s,;]/.test(text[pos]!)) pos++;
  };
  for (skip(); pos < text.length; skip()) {
    const key = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(pos));
    if (!key) throw new StateDumpError(`${where}: bad attribute list`);
    pos += key[0].length;
    while (text[pos] === " ") pos++;
    if (text[pos] !== "=") throw new StateDumpError(`${where}: expected "=" after ${key[0]}`);
    pos++;
    while (text[pos] === " ") pos++;
    if (text[pos] === '"') {
      pos++;
      let value = "";
      for (;;) {
        const c = text[pos++];
        if (c === undefined) throw new StateDumpError(`${where}: unterminated string`);
        if (c === '"') break;
        if (c === "\\") {
          const e = text[pos++];
          if (e === undefined) throw new StateDumpError(`${where}: unterminated string`);
          value += e === "n" ? "\n" : e;
        } else value += c;
      }
      attrs[key[0]] = value;
    } else {
      const bare = /^[^\s,;\]]*/.exec(text.slice(pos))![0];
      pos += bare.length;
      attrs[key[0]] = bare;
    }
  }
  return attrs;
}
