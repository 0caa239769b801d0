// Just enough of the structure of a generated TLA+ predicate to say which part of it fails:
// conjunctions, disjunctions (infix or bulleted) and `\A x \in S : body`. Anything else is one part.

export type TlaPart =
  | { k: "and" | "or"; parts: TlaPart[]; text: string }
  | { k: "forall"; bound: string; set: string; body: TlaPart; text: string }
  | { k: "atom"; text: string };

export function splitTla(input: string): TlaPart {
  const text = stripParens(input.trim());
  const forall = /^\\A\s+([A-Za-z_]\w*)\s+\\in\s+/.exec(text);
  if (forall) {
    const colon = topLevelIndex(text, ":", forall[0].length);
    if (colon > 0) {
      return { k: "forall", bound: forall[1]!, set: text.slice(forall[0].length, colon).trim(), body: splitTla(text.slice(colon + 1)), text };
    }
  }
  if (/^(IF|LET|CASE|\\E|\\A|CHOOSE)\b/.test(text)) return { k: "atom", text };
  const bullets = bulletItems(text);
  if (bullets) return { k: bullets.op, parts: flatten(bullets.op, bullets.items.map(splitTla)), text };
  for (const [op, k] of [["/\\", "and"], ["\\/", "or"]] as const) {
    const items = splitTopLevel(text, op);
    if (items.length > 1) return { k, parts: flatten(k, items.map(splitTla)), text };
  }
  return { k: "atom", text };
}

/** `(a /\ b) /\ c` has the parts a, b, c, as `a && b && c` has in TS. */
function flatten(k: "and" | "or", parts: TlaPart[]): TlaPart[] {
  return parts.flatMap((p) => (p.k === k ? p.parts : [p]));
}

/** `/\ a` lines at the column of the bullets (the first line's own indentation is gone after trimming). */
function bulletItems(text: string): { op: "and" | "or"; items: string[] } | undefined {
  const m = /^(\/\\|\\\/)\s/.exec(text);
  if (!m) return undefined;
  const bullet = m[1]!;
  const lines = text.split("\n");
  const indent = (l: string) => l.length - l.trimStart().length;
  const cols = lines.slice(1).filter((l) => l.trimStart().startsWith(bullet)).map(indent);
  const col = cols.length ? Math.min(...cols) : -1;
  const items = [lines[0]!.slice(bullet.length)];
  for (const line of lines.slice(1)) {
    if (indent(line) === col && line.trimStart().startsWith(bullet)) items.push(line.trimStart().slice(bullet.length));
    else items[items.length - 1] += "\n" + line;
  }
  if (items.length < 2) return undefined;
  return { op: bullet === "/\\" ? "and" : "or", items };
}

const OPEN = "([{";
const CLOSE = ")]}";

function depthScan(text: string, visit: (i: number, depth: number) => boolean | void, from = 0): void {
  let depth = 0;
  for (let i = from; i < text.length; i++) {
    const c = text[i]!;
    if (c === '"') {
      for (i++; i < text.length && text[i] !== '"'; i++) if (text[i] === "\\") i++;
      continue;
    }
    if (text.startsWith("<<", i)) {
      depth++;
      i++;
      continue;
    }
    if (text.startsWith(">>", i)) {
      depth--;
      i++;
      continue;
    }
    if (OPEN.includes(c)) depth++;
    else if (CLOSE.includes(c)) depth--;
    else if (visit(i, depth) === true) return;
  }
}

export function topLevelIndex(text: string, needle: string, from: number): number {
  let found = -1;
  depthScan(
    text,
    (i, depth) => {
      if (depth === 0 && text.startsWith(needle, i) && !text.startsWith("::", i)) {
        found = i;
        return true;
      }
    },
    from,
  );
  return found;
}

export function splitTopLevel(text: string, op: string): string[] {
  const cuts: number[] = [];
  depthScan(text, (i, depth) => {
    if (depth === 0 && text.startsWith(op, i)) cuts.push(i);
  });
  if (cuts.length === 0) return [text];
  const out: string[] = [];
  let start = 0;
  for (const c of cuts) {
    out.push(text.slice(start, c).trim());
    start = c + op.length;
  }
  out.push(text.slice(start).trim());
  return out.filter((s) => s !== "");
}

export function stripParens(text: string): string {
  while (text.startsWith("(") && text.endsWith(")")) {
    let closesAt = -1;
    let depth = 0;
    for (let i = 0; i < text.length; i++) {
      if (text[i] === "(") depth++;
      else if (text[i] === ")" && --depth === 0) {
        closesAt = i;
        break;
      }
    }
    if (closesAt !== text.length - 1) break;
    text = text.slice(1, -1).trim();
  }
  return text;
}
