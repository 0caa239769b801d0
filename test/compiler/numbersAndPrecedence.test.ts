// Numbers, operator precedence and sets vs sequences (issue #10). Each runtime case is a tiny protocol
// that TLC (on the TLA+) and the TS engine (on the TypeScript) must check alike: the same verdicts and
// the same state graph (crossCheck), over every value the case's oneOf choices give (negative
// operands, 0, the bounds). Each rejected construct gives its diagnostic at the construct's line:col.
import { expect } from "chai";
import { createProject, moduleText } from "../../tools/compiler/index.ts";
import { crossCheck } from "../../tools/verify/crossCheck.ts";
import { checkScenario, type ScenarioReport } from "../../tools/verify/scenario.ts";
import { ProtocolFolder } from "../helpers/protocolFolder.ts";
import { requireTlc } from "../helpers/tlc.ts";

interface Case {
  name: string;
  /** The statements of the single step `a` of process `main` (it ends after it). */
  body: string;
  /** Invariants over `s`, checked once the step ran. */
  props?: Record<string, string>;
  /** A text the TLA+ must contain (or must not, with `noTla`). */
  tla?: RegExp;
  noTla?: RegExp;
}

const STATE = [
  "x: Int<-9, 9>", "y: Int<-9, 9>", "n: Int<0, 3>", "b: boolean", "c: boolean",
  "set: ReadonlySet<Int<0, 3>>", "q: Int<0, 3>[]", "m: ByPid<Int<0, 3>>", "p: Pid | null",
  "rs: { f: Int<0, 3> }[]", "r: { f: Int<0, 3>; g: boolean }",
];
const INIT = "{ x: 0, y: 0, n: 0, b: false, c: false, set: new Set([1]), q: [], m: byPid((_p) => 0), p: null, rs: [], r: { f: 0, g: false } }";
const NONZERO = "oneOf(new Set([-3, -2, -1, 1, 2, 3] as const))";
const BOOL = "oneOf(new Set([true, false]))";

const CASES: Case[] = [
  // 1. % has the sign of the dividend, for every sign of both operands
  { name: "a % b for a in -7..7, b in ±1..3 (JsRem)", body: `const a = oneOf(range(-7, 7)); const d = ${NONZERO}; s.x = a % d; s.y = a;`, tla: /JsRem\(/, props: { sign: "s.x === 0 || (s.x < 0) === (s.y < 0)" } },
  { name: "-3 % 2 is -1, 3 % -2 is 1, -4 % 2 is 0", body: "const d = oneOf(new Set([2] as const)); const e = oneOf(new Set([-2] as const)); s.x = (0 - 3) % d; s.y = 3 % e; s.n = (0 - 4) % d;", props: { v: "s.x === -1 && s.y === 1 && s.n === 0" } },
  { name: "k % 3 with k: Int<0, 9> is TLC's %", body: "const k: Int<0, 9> = oneOf(range(0, 9)); s.x = k % 3;", tla: /x' = k % 3/, noTla: /JsRem/ },
  // 2. Math.floor(a / b) is \div for every sign combination
  { name: "Math.floor(a / b) for a in -7..7, b in ±1..3", body: `const a = oneOf(range(-7, 7)); const d = ${NONZERO}; s.x = Math.floor(a / d); s.y = a;`, tla: /\\div/ },
  { name: "Math.abs, Math.min, Math.max, unary minus of a compound", body: "const a = oneOf(range(-2, 2)); const d = oneOf(range(-2, 2)); s.x = Math.abs(a) - Math.min(a, d); s.y = -(a + d) + Math.max(a, -d);" },
  // 3. literals by value
  { name: "1_0, 0x3, 1e1, -0x2 as values", body: "s.x = 1_0 - 0x3 - 1e0; s.y = -0x2; s.n = 0b11;", props: { v: "s.x === 6 && s.y === -2 && s.n === 3" } },
  // 4. precedence
  { name: "set.has(!b) and !b === c", body: `const v = ${BOOL}; s.b = v; s.c = new Set([false]).has(!s.b); s.b = !s.b === s.c;`, tla: /\(~v\) \\in/ },
  { name: "!(a === b), !isIn(x, S), isIn inside ===", body: "const a = oneOf(range(0, 3)); s.n = a; s.b = !(s.n === 1); s.c = !isIn(s.n, setOf(1, 2)) === isIn(s.n, setOf(0));" },
  { name: "(a < b) === (c < d)", body: "const a = oneOf(range(-2, 2)); const d = oneOf(range(-2, 2)); s.x = a; s.y = d; s.b = (a < d) === (d < 0);" },
  { name: "?: inside arithmetic and comparisons", body: `const v = ${BOOL}; const a = oneOf(range(-2, 2)); s.x = (v ? a : -a) * 2 - (v ? 1 : 0); s.b = (v ? a : 0) < 1;` },
  { name: "\\div, %, - and .. nested", body: "const a = oneOf(range(-5, 5)); s.x = Math.floor((a - 1) / 2) - (a % 2) * -1; s.b = isIn(a, range(-(a % 2), 3));" },
  { name: "\"main\" === self, self !== \"main\", s.p === \"main\"", body: "s.p = self; s.b = \"main\" === self && self !== \"main\" === false && s.p === \"main\";", props: { v: "s.b" } },
  // 5. sets vs sequences
  { name: "new Set(set) copies, new Set(array) and new Set([...s, ...q, x]) are unions", body: "s.q = [3, 0]; s.set = new Set([...s.set, ...s.q, 2]); s.b = new Set(s.set).size === 4 && new Set(s.q).size === 2;", props: { v: "s.set.size === 4 && s.b" } },
  // 6. ByPid with a literal id, short-circuit && and ?:
  { name: "m[\"main\"] on a ByPid map", body: "s.m[self] = 2; s.n = s.m[\"main\"]!;", props: { v: "s.n === 2" }, tla: /\[main\]/ },
  { name: "m[\"main\"] = v on a ByPid map", body: "s.m[\"main\"] = 3; s.n = s.m[self]!;", props: { v: "s.n === 3 && s.m[\"main\"] === 3" }, tla: /!\[main\] = 3/ },
  { name: "\"w1\" as a process id of a set (the constant Pid_w1 = w1)", body: "s.b = s.p === \"w1\"; s.p = \"w1\"; s.c = s.p === \"w1\" && \"w9\" !== s.p;", props: { v: "!s.b && s.c && s.p === \"w1\"" }, tla: /Pid_w1/ },
  { name: "m[\"w1\"] read and written on a ByPid map, and m[\"w9\"] of an id the scenario lacks", body: "s.m[\"w1\"] = 1; s.n = s.m[\"w1\"]!; s.b = s.m[\"w9\"] !== s.m[\"w1\"];", props: { v: "s.n === 1 && s.b" }, tla: /JsFnPut\(m, Pid_w1, 1\)/ },
  { name: "&& and ?: do not evaluate what JS does not", body: "s.b = s.rs.length > 0 && s.rs[0]!.f === 1; s.n = s.rs.length === 0 ? 1 : s.rs[0]!.f; s.c = s.rs.length === 0 || s.rs[0]!.f === 2;", props: { v: "!s.b && s.n === 1 && s.c" } },
];

/** A rejected construct: `@` in the body marks where the diagnostic points. */
interface Reject {
  name: string;
  body: string;
  code: string;
  /** Module-level text before the protocol. */
  top?: string;
}

const REJECTS: Reject[] = [
  { name: "a % b where b may be 0", body: "s.x = s.x % @s.y;", code: "TSLA102" },
  { name: "Math.floor(a / b) where b may be 0", body: "s.x = Math.floor(s.x / @s.n);", code: "TSLA102" },
  { name: "a % 0", body: "s.x = s.x % @0;", code: "TSLA102" },
  { name: "a fraction", body: "s.x = @1.5 > 1 ? 1 : 0;", code: "TSLA100" },
  { name: "0.1", body: "s.b = s.x === @0.1;", code: "TSLA100" },
  { name: "an integer past 2^31 - 1", body: "s.b = s.x < @2147483648;", code: "TSLA101" },
  { name: "-2^31 (2^31 cannot be written in TLC)", body: "s.b = s.x > -@2147483648;", code: "TSLA101" },
  { name: "Int<Lo, Hi> past TLC's range", body: "s.b = true;", top: "type Big = Int<0, 3000000000>;\ninterface Extra { @big: Big }", code: "TSLA101" },
  { name: "[...set]", body: "s.q = @[...s.set];", code: "TSLA103" },
  { name: "{ ...array }", body: "const o = { @...s.q }; s.b = o === o;", code: "TSLA103" },
  { name: "{ ...record, newField }", body: "s.r = { ...s.r, f: 1, @h: 2 } as never;", code: "TSLA103" },
  { name: "a process id that is not a TLA+ identifier", body: "s.b = s.p === @\"w-1\";", code: "TSLA041" },
  { name: "a module-level let", body: "s.n = N;", top: "let @N: Int<0, 3> = 1;", code: "TSLA104" },
  { name: "a module-level const changed by a top-level statement", body: "s.n = T[0]!;", top: "const T: Int<0, 3>[] = [1];\n@T.push(2);", code: "TSLA104" },
  { name: ".length on a set (a TypeScript error)", body: "s.n = s.set.@length;", code: "TSLA001" },
];

function protocolText(body: string, props: Record<string, string> = {}, top = ""): string {
  const own = Object.entries(props).map(([n, p]) => `    ${n}: invariant((s) => !done("main") || (${p})),`);
  return `import { byPid, done, invariant, isIn, oneOf, process, processSet, protocol, range, setOf, type ByPid, type Int, type Pid, type PidSet } from "ts2tla";
${top}
interface State${top.includes("interface Extra") ? " extends Extra" : ""} {
${STATE.map((f) => `  ${f};`).join("\n")}
}
interface Constants { W: PidSet }
export default protocol<State, Constants>({
  init: () => (${top.includes("interface Extra") ? INIT.replace("{ ", "{ big: 0, ") : INIT}),
  processes: {
    main: process(function* (self, s) {
      yield "a";
      ${body}
    }),
    w: processSet("W", function* (_self, _s) {
      yield "idle";
    }, { fairness: "none" }),
  },
  properties: {
    alive: invariant((s) => s.b === s.b),
${own.join("\n")}
  },
  scenarios: { run: { constants: { W: ["w1"] }, deadlock: false } },
});
`;
}

function verdicts(r: ScenarioReport): Record<string, string> {
  return Object.fromEntries(r.properties.filter((p) => p.kind !== "deadlock").map((p) => [p.name, p.verdict]));
}

describe("compiler: numbers, precedence, sets vs sequences (issue #10)", function () {
  this.timeout(600_000);
  let folder: ProtocolFolder | undefined;
  const project = createProject();
  let n = 0;

  before(() => {
    folder = new ProtocolFolder("numbers");
  });
  after(() => folder?.remove());

  describe("rejected, at the construct", () => {
    for (const r of REJECTS) {
      it(`${r.name}: ${r.code}`, () => {
        const marked = protocolText(r.body, {}, r.top ?? "");
        const at = marked.includes("@") ? marked.indexOf("@") : marked.indexOf(r.body);
        const before = marked.slice(0, at).split("\n");
        const [line, col] = [before.length, before.at(-1)!.length + 1];
        const text = marked.replace("@", "");
        const out = folder!.compile(project, `num${n++}`, text);
        if (out.ok) expect.fail(`no diagnostic for\n${text}`);
        const d = out.diagnostics[0]!;
        expect(`${d.code} ${d.line}:${d.col}`, `${d.message}\n${text}`).to.equal(`${r.code} ${line}:${col}`);
        expect(d.hint).to.not.equal("");
      });
    }
  });

  describe("translated exactly: TLC and the TS engine agree", () => {
    before(async function () {
      await requireTlc(this);
    });
    for (const c of CASES) {
      it(c.name, async () => {
        const text = protocolText(c.body, c.props);
        const compiled = folder!.compileValid(project, `num${n++}`, text);
        const where = `\n--- the protocol:\n${text}\n--- the TLA+:\n${moduleText(compiled)}`;
        if (c.tla) expect(moduleText(compiled), where).to.match(c.tla);
        if (c.noTla) expect(moduleText(compiled), where).to.not.match(c.noTla);
        const tlc = await checkScenario(compiled, "run", { engine: "tlc", keepGraph: true, workers: 1, timeoutSeconds: 120 });
        const ts = await checkScenario(compiled, "run", { engine: "ts", keepGraph: true });
        expect(tlc.error, `TLC: ${tlc.error?.message}${where}`).to.equal(undefined);
        expect(ts.error, `TS engine: ${ts.error?.message}${where}`).to.equal(undefined);
        const want = { TypeOK: "holds", alive: "holds", ...Object.fromEntries(Object.keys(c.props ?? {}).map((k) => [k, "holds"])) };
        expect(verdicts(tlc), `TLC${where}`).to.deep.equal(want);
        expect(verdicts(ts), `TS engine${where}`).to.deep.equal(want);
        const x = crossCheck(compiled, tlc, ts);
        expect(x.problems, `${x.problems.join("\n")}${where}`).to.deep.equal([]);
        expect(x.summary, where).to.match(/agree on every verdict and on all \d+ reachable states/);
      });
    }
  });
});
