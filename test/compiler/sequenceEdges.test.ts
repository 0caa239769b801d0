// JavaScript's array semantics at the edges (issue #10): reads outside the elements give undefined
// (the model value Undefined, in no type), writes past the end leave holes, shift/pop on an empty
// array, slice/splice/at with negative and out-of-range indices. Each case is a tiny protocol that TLC
// (on the TLA+) and the TS engine (on the TypeScript) must check alike, with the verdict JS gives:
// same verdicts, same state graph (crossCheck), or a runtime error in both.
import { expect } from "chai";
import { createProject, moduleText, type CompiledProtocol } from "../../tools/compiler/index.ts";
import { crossCheck } from "../../tools/verify/crossCheck.ts";
import { checkScenario, type ScenarioReport } from "../../tools/verify/scenario.ts";
import { ProtocolFolder } from "../helpers/protocolFolder.ts";
import { requireTlc } from "../helpers/tlc.ts";

interface Case {
  name: string;
  /** State fields and init (an object literal). */
  state?: string;
  init?: string;
  /** The statements of the single step `a` (the process ends after it). */
  body: string;
  /** Invariants over `s`. */
  props?: Record<string, string>;
  /** Expected verdicts (TypeOK and the invariants), or a runtime error in both engines. */
  expect: Record<string, "holds" | "violated"> | "error";
  /** A text the TLA+ must contain. */
  tla?: RegExp;
}

const Q = { state: "q: Int<0, 3>[]; r: Int<0, 3>[]; x: Int<0, 3> | null; b: boolean; i: Int<-3, 4>", init: "{ q: [1, 2], r: [], x: null, b: false, i: 0 }" };
// Every case has the invariant \`alive\` (true in every state): with TypeOK violated, TLC then runs again
// without TypeOK, explores every state, and the state graphs are compared too.
const HOLDS = { TypeOK: "holds", alive: "holds" } as const;
const TYPE_BAD = { TypeOK: "violated", alive: "holds" } as const;

const CASES: Case[] = [
  // reads: q[i] outside the elements is undefined; === with it is false
  { name: "q[i] in range", body: "s.x = s.q[1];", props: { two: "s.x === 2 || s.x === null" }, expect: { ...HOLDS, two: "holds" }, tla: /JsGet\(q, 1\)/ },
  { name: "q[length] stored: undefined breaks TypeOK", body: "s.x = s.q[2];", expect: TYPE_BAD },
  { name: "q[-1] stored: undefined", body: "s.x = s.q[-1];", expect: TYPE_BAD },
  { name: "[][0] stored: undefined", body: "s.x = s.r[0];", expect: TYPE_BAD },
  { name: "q[i] past the end compared with === is false", body: "s.b = s.q[5] === 1 || s.q[-1] === 2;", props: { notB: "!s.b" }, expect: { ...HOLDS, notB: "holds" } },
  { name: "q[i] past the end !== is true", body: "s.b = s.q[2] !== 3;", props: { isB: "s.b" }, expect: { ...HOLDS, isB: "holds" } },
  { name: "indexOf absent is -1, reading there is undefined", body: "s.i = s.q.indexOf(3); s.b = s.q[s.q.indexOf(3)] === 1;", props: { minus: "s.i === -1 && !s.b" }, expect: { ...HOLDS, minus: "holds" } },
  { name: "indexOf finds the first", body: "s.q = [2, 1, 2]; s.i = s.q.indexOf(2);", props: { first: "s.i === 0" }, expect: { ...HOLDS, first: "holds" } },
  { name: "q[i].f on undefined is a TypeError", state: "rs: { f: Int<0, 3> }[]; x: Int<0, 3>; b: boolean", init: "{ rs: [{ f: 1 }], x: 0, b: false }", body: "s.x = s.rs[1]!.f;", expect: "error" },
  // .at
  { name: "at(-1) is the last", body: "s.x = s.q.at(-1)!;", props: { last: "s.x === 2" }, expect: { ...HOLDS, last: "holds" } },
  { name: "at(-2), at(0), at(1)", body: "s.b = s.q.at(-2) === 1 && s.q.at(0) === 1 && s.q.at(1) === 2;", props: { isB: "s.b" }, expect: { ...HOLDS, isB: "holds" } },
  { name: "at(-3) out of range: undefined", body: "s.x = s.q.at(-3)!;", expect: TYPE_BAD },
  { name: "at(2) out of range: undefined", body: "s.x = s.q.at(2)!;", expect: TYPE_BAD },
  { name: "[].at(-1): undefined", body: "s.x = s.r.at(-1)!;", expect: TYPE_BAD },
  // writes
  { name: "q[i] = v in range", body: "s.q[0] = 3;", props: { w: "s.q.length === 2 && s.q[0] === 3" }, expect: { ...HOLDS, w: "holds" } },
  { name: "q[length] = v appends", body: "s.q[2] = 3;", props: { w: "s.q.length === 3 && s.q[2] === 3" }, expect: { ...HOLDS, w: "holds" } },
  { name: "q[length + 2] = v leaves holes", body: "s.q[4] = 3;", expect: TYPE_BAD },
  { name: "q[-1] = v: a property, an error in both", body: "s.i = -1; s.q[s.i] = 3;", expect: "error" },
  { name: "q[i].f = v past the end: a TypeError", state: "rs: { f: Int<0, 3> }[]; b: boolean", init: "{ rs: [{ f: 1 }], b: false }", body: "s.rs[1]!.f = 2;", expect: "error" },
  { name: "q[i].f = v in range", state: "rs: { f: Int<0, 3> }[]; b: boolean", init: "{ rs: [{ f: 1 }], b: false }", body: "s.rs[0]!.f = 2;", props: { w: "s.rs[0]!.f === 2" }, expect: { ...HOLDS, w: "holds" } },
  { name: "q[i] += 1 past the end: holes and NaN break TypeOK", body: "s.q[3] += 1;", expect: TYPE_BAD, tla: /JsPut\(q, 3, IF JsGet\(q, 3\) \\in Int THEN JsGet\(q, 3\) \+ 1 ELSE NaN\)/ },
  // shift / pop
  { name: "shift on []", body: "s.r.shift(); s.r.pop();", props: { empty: "s.r.length === 0" }, expect: { ...HOLDS, empty: "holds" } },
  { name: "const x = [].shift(): undefined", body: "const v = s.r.shift(); s.b = v === 1; s.x = v!;", expect: TYPE_BAD },
  { name: "const x = [].pop(): undefined (=== undefined), r stays empty", body: "const v = s.r.pop(); s.b = v === undefined_; s.q = [...s.r];", props: { empty: "s.q.length === 0 && s.b" }, expect: { ...HOLDS, empty: "holds" } },
  { name: "shift/pop values", body: "const a = s.q.shift()!; const b = s.q.pop(); s.x = a; s.b = b === undefined_ && s.q.length === 0;", props: { w: "s.x === 1 && !s.b" }, expect: { ...HOLDS, w: "holds" } },
  // slice
  { name: "slice clamps and counts negatives from the end", body: "s.q = [0, 1, 2, 3]; s.r = s.q.slice(-2);", props: { w: "s.r.length === 2 && s.r[0] === 2 && s.r[1] === 3" }, expect: { ...HOLDS, w: "holds" } },
  { name: "slice(1, 10), slice(-10, 1), slice(3, 1), [].slice(1)", body: "s.q = [0, 1, 2]; s.b = s.q.slice(1, 10).length === 2 && s.q.slice(-10, 1).length === 1 && s.q.slice(3, 1).length === 0 && s.r.slice(1).length === 0 && s.q.slice(5).length === 0 && s.q.slice(1, -1).length === 1;", props: { isB: "s.b" }, expect: { ...HOLDS, isB: "holds" } },
  // splice(i, 1)
  { name: "splice(-1, 1) removes the last", body: "s.q.splice(-1, 1);", props: { w: "s.q.length === 1 && s.q[0] === 1" }, expect: { ...HOLDS, w: "holds" } },
  { name: "splice(-5, 1) removes the first", body: "s.q.splice(-5, 1);", props: { w: "s.q.length === 1 && s.q[0] === 2" }, expect: { ...HOLDS, w: "holds" } },
  { name: "splice(2, 1) and splice(9, 1) remove nothing", body: "s.q.splice(2, 1); s.q.splice(9, 1); s.r.splice(0, 1);", props: { w: "s.q.length === 2 && s.r.length === 0" }, expect: { ...HOLDS, w: "holds" } },
  // concat, unshift, push with several values
  { name: "concat of arrays and values, unshift and push of several", body: "s.q = s.q.concat([3], 0); s.r.unshift(1, 2); s.r.push(3, 0);", props: { w: "s.q.length === 4 && s.q[2] === 3 && s.q[3] === 0 && s.r[0] === 1 && s.r[1] === 2 && s.r[2] === 3 && s.r[3] === 0" }, expect: { ...HOLDS, w: "holds" } },
];

function protocolText(c: Case): string {
  // A case's invariants speak of the state after the step: they hold trivially before it.
  const own = Object.entries(c.props ?? {}).map(([n, p]) => `    ${n}: invariant((s) => !done("main") || (${p})),`);
  const props = [`    alive: invariant((s) => s.b === s.b),`, ...own];
  const stateDecl = (c.state ?? Q.state).split(";").map((f) => `  ${f.trim()};`).join("\n");
  return `import { done, invariant, process, protocol, type Int } from "ts2tla";
// \`undefined_\` is undefined without naming it (the language has no undefined literal).
const none: Int<0, 3>[] = [];
interface State {
${stateDecl}
}
export default protocol<State, {}>({
  init: () => (${c.init ?? Q.init}),
  processes: {
    main: process(function* (_self, s) {
      yield "a";
      ${c.body.replaceAll("undefined_", "none[0]")}
    }),
  },
  properties: {
${props.join("\n")}
  },
  scenarios: { run: { constants: {}, deadlock: false } },
});
`;
}

function verdicts(r: ScenarioReport): Record<string, string> {
  return Object.fromEntries(r.properties.filter((p) => p.kind !== "deadlock").map((p) => [p.name, p.verdict]));
}

describe("compiler: JavaScript array semantics at the edges, on TLC and the TS engine", function () {
  this.timeout(600_000);
  let folder: ProtocolFolder | undefined;
  const project = createProject();
  let n = 0;

  before(async function () {
    await requireTlc(this);
    folder = new ProtocolFolder("seq-edges");
  });
  after(() => folder?.remove());

  const compile = (text: string): CompiledProtocol => folder!.compileValid(project, `edge${n++}`, text);

  for (const c of CASES) {
    it(c.name, async () => {
      const text = protocolText(c);
      const compiled = compile(text);
      const where = `\n--- the protocol:\n${text}\n--- the TLA+:\n${moduleText(compiled)}`;
      if (c.tla) expect(moduleText(compiled), where).to.match(c.tla);
      const tlc = await checkScenario(compiled, "run", { engine: "tlc", keepGraph: true, workers: 1, timeoutSeconds: 120 });
      const ts = await checkScenario(compiled, "run", { engine: "ts", keepGraph: true });
      if (c.expect === "error") {
        // TLC: an evaluation error or a failed Assert; the TS engine: the step threw, or made a value TLA+ cannot hold.
        expect(tlc.verdict, `TLC${where}`).to.equal("error");
        expect(tlc.error?.kind, `TLC: ${tlc.error?.message}${where}`).to.be.oneOf(["runtime-error", "assert"]);
        expect(ts.verdict, `TS engine${where}`).to.equal("error");
        expect(ts.error?.kind, `TS engine: ${ts.error?.message}${where}`).to.equal("runtime-error");
        return;
      }
      expect(tlc.error, `TLC: ${tlc.error?.message}${where}`).to.equal(undefined);
      expect(ts.error, `TS engine: ${ts.error?.message}${where}`).to.equal(undefined);
      expect(verdicts(tlc), `TLC${where}`).to.deep.equal(c.expect);
      expect(verdicts(ts), `TS engine${where}`).to.deep.equal(c.expect);
      const x = crossCheck(compiled, tlc, ts);
      expect(x.problems, `${x.problems.join("\n")}${where}`).to.deep.equal([]);
      expect(x.summary, where).to.match(/agree on every verdict and on all \d+ reachable states/);
    });
  }

  it("rejects `q.length = n` (TSLA090)", () => {
    const text = protocolText({ name: "", body: "s.q.length = 1;", expect: HOLDS });
    const out = folder!.compile(project, `edge${n++}`, text);
    expect(out.ok ? "compiled" : out.error.message).to.match(/TSLA090/);
  });
});
