import { expect } from "chai";
import { readFileSync } from "node:fs";
import path from "node:path";
import { classifyCode, TLC_CODES } from "../../tools/checker/tlc/codes.ts";
import { fullText, messagesOf, parseToolOutput, ToolOutputParser, type ToolEvent } from "../../tools/checker/tlc/toolOutput.ts";
import { captureNames, CURRENT, OURS, readCapture, V174 } from "../helpers/captures.ts";

/** Feed `text` in chunks of the given sizes (cycled) and collect all events. */
function feed(text: string, sizes: number[]): ToolEvent[] {
  const parser = new ToolOutputParser();
  const events: ToolEvent[] = [];
  let at = 0;
  for (let i = 0; at < text.length; i++) {
    const n = sizes[i % sizes.length]!;
    events.push(...parser.push(text.slice(at, at + n)));
    at += n;
  }
  events.push(...parser.end());
  return events;
}

const NESTED = [
  "@!@!@STARTMSG 1000:1 @!@!@",
  "TLC threw an unexpected exception.",
  "The exception was a java.lang.RuntimeException",
  ": @!@!@STARTMSG 2154:0 @!@!@",
  "Attempted to apply the operator overridden by the Java method",
  "but it produced the following error:",
  "Cannot cast tlc2.value.impl.StringValue to tlc2.value.impl.IntValue",
  "@!@!@ENDMSG 2154 @!@!@",
  "@!@!@ENDMSG 1000 @!@!@",
  "",
].join("\n");

describe("TLC -tool output parser", () => {
  it("splits frames and unframed lines, in order", () => {
    const events = parseToolOutput(
      '@!@!@STARTMSG 2262:0 @!@!@\nTLC2 Version 2.19 of 08 August 2024\n@!@!@ENDMSG 2262 @!@!@\n<<"visiting", 0>>\n"CounterExample written: trace.json"\n',
    );
    expect(events).to.deep.equal([
      { kind: "message", message: { code: 2262, severity: 0, parts: ["TLC2 Version 2.19 of 08 August 2024\n"], text: "TLC2 Version 2.19 of 08 August 2024" } },
      { kind: "text", text: '<<"visiting", 0>>' },
      { kind: "text", text: '"CounterExample written: trace.json"' },
    ]);
  });

  it("nests frames, including one that starts in the middle of a line", () => {
    const [event, ...rest] = parseToolOutput(NESTED);
    expect(rest).to.deep.equal([]);
    expect(event!.kind).to.equal("message");
    const m = (event as { message: ReturnType<typeof messagesOf>[number] }).message;
    expect(m.code).to.equal(1000);
    expect(m.text).to.equal("TLC threw an unexpected exception.\nThe exception was a java.lang.RuntimeException\n: ");
    const child = m.parts.find((p) => typeof p !== "string");
    expect(child).to.include({ code: 2154, severity: 0 });
    expect(fullText(m)).to.match(/RuntimeException\n: Attempted to apply.*\n.*\nCannot cast tlc2\.value\.impl\.StringValue/s);
  });

  it("gives the same events whatever the chunking, even when chunks split markers", () => {
    const text = readFileSync(path.join(CURRENT, "Eval2.tool.stdout.txt"), "utf8") + "tail without newline";
    const whole = parseToolOutput(text);
    expect(messagesOf(whole).length).to.be.greaterThan(10);
    for (const sizes of [[1], [2], [3], [5, 1, 7], [13], [64], [4096]]) {
      expect(feed(text, sizes), `chunk sizes ${sizes}`).to.deep.equal(whole);
    }
  });

  it("ends an unframed partial line where a frame starts mid-line", () => {
    const events = parseToolOutput("Print output@!@!@STARTMSG 2185:0 @!@!@\nStarting...\n@!@!@ENDMSG 2185 @!@!@\n");
    expect(events.map((e) => e.kind)).to.deep.equal(["text", "message"]);
    expect(events[0]).to.deep.equal({ kind: "text", text: "Print output" });
  });

  it("keeps marker-like text that is not a marker", () => {
    const events = feed("user wrote @!@!@ here\n@!@!@STARTMSG oops\nok\n", [3]);
    expect(events).to.deep.equal([
      { kind: "text", text: "user wrote @!@!@ here" },
      { kind: "text", text: "@!@!@STARTMSG oops" },
      { kind: "text", text: "ok" },
    ]);
  });

  it("closes frames cut off by the end of the stream as truncated", () => {
    const events = parseToolOutput("@!@!@STARTMSG 2217:4 @!@!@\n1: <Initial predicate>\nx = ");
    expect(events).to.have.length(1);
    const m = messagesOf(events)[0]!;
    expect(m).to.include({ code: 2217, truncated: true, text: "1: <Initial predicate>\nx = " });
  });

  it("ignores an end marker without a start, and closes inner frames a mismatched end skips", () => {
    const events = parseToolOutput(
      "@!@!@ENDMSG 2000 @!@!@\n@!@!@STARTMSG 1000:1 @!@!@\nouter\n@!@!@STARTMSG 2154:0 @!@!@\ninner\n@!@!@ENDMSG 1000 @!@!@\n",
    );
    const [m] = messagesOf(events);
    expect(messagesOf(events)).to.have.length(1);
    expect(m!.code).to.equal(1000);
    expect(m!.truncated).to.equal(undefined);
    const inner = m!.parts.find((p) => typeof p !== "string");
    expect(inner).to.include({ code: 2154, truncated: true, text: "inner" });
  });

  it("parses every captured output into balanced frames", () => {
    for (const [dir, names] of [
      [CURRENT, captureNames(CURRENT)],
      [V174, captureNames(V174)],
      [OURS, captureNames(OURS)],
    ] as const) {
      for (const name of names) {
        const { stdout } = readCapture(dir, name);
        const messages = messagesOf(parseToolOutput(stdout));
        if (name.includes(".plain")) continue;
        expect(messages.length, name).to.be.greaterThan(0);
        expect(messages.filter((m) => m.truncated), name).to.deep.equal([]);
        const starts = (stdout.match(/@!@!@STARTMSG/g) ?? []).length;
        const count = (ms: typeof messages): number =>
          ms.reduce((n, m) => n + 1 + count(m.parts.filter((p): p is (typeof messages)[number] => typeof p !== "string")), 0);
        expect(count(messages), name).to.equal(starts);
      }
    }
  });
});

describe("TLC message code registry", () => {
  it("knows every code seen in the captures", () => {
    const inventory = readFileSync(path.join(CURRENT, "code-inventory.txt"), "utf8");
    const codes = [...inventory.matchAll(/^(\d+):(\d)/gm)].map((m) => Number(m[1]));
    expect(codes.length).to.be.greaterThan(40);
    const unknown = codes.filter((c) => !TLC_CODES.has(c) && c < 7000);
    expect(unknown).to.deep.equal([]);
  });

  it("classifies the codes the result mapping relies on", () => {
    const kinds = Object.fromEntries(
      [2110, 2107, 2112, 2114, 2116, 2132, 2104].map((c) => [c, TLC_CODES.get(c)!.violation]),
    );
    expect(kinds).to.deep.equal({ 2110: "invariant", 2107: "invariant", 2112: "action-property", 2114: "deadlock", 2116: "property", 2132: "assert", 2104: "assume" });
    expect(TLC_CODES.get(1000)!.category).to.equal("evaluation-error");
    expect(TLC_CODES.get(2105)!.category).to.equal("evaluation-error");
    expect(TLC_CODES.get(3002)!.category).to.equal("parse-error");
    expect(TLC_CODES.get(2222)!.category).to.equal("config-error");
    expect(TLC_CODES.get(1102)!.category).to.equal("option-error");
    expect(TLC_CODES.get(2200)!.category).to.equal("progress");
    expect(TLC_CODES.get(2217)!.category).to.equal("trace");
    expect(classifyCode(9999, 1).category).to.equal("evaluation-error");
    expect(classifyCode(9999, 0).category).to.equal("info");
  });
});
