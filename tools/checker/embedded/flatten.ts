// The embedded engine reads one module and knows only the standard modules. A model module that
// EXTENDS modules of ours (e.g. MC_x EXTENDS Protocol) is flattened into one module: the extended
// modules' bodies first, in EXTENDS order, each once. INSTANCE of our modules cannot be flattened.

export class FlattenError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "FlattenError";
  }
}

interface ModuleText {
  name: string;
  extends: string[];
  /** The text between the header and the closing `====`, without the EXTENDS clause. */
  body: string;
}

const HEADER = /^[ \t]*-{4,}[ \t]*MODULE[ \t]+(\w+)[ \t]*-{4,}[ \t]*$/m;
const FOOTER = /^[ \t]*={4,}[ \t]*$/m;
const EXTENDS = /^[ \t]*EXTENDS[ \t]+((?:\w+\s*,\s*)*\w+)/m;

function splitModule(text: string, origin: string): ModuleText {
  const header = HEADER.exec(text);
  if (!header) throw new FlattenError(`${origin} has no "---- MODULE Name ----" header`);
  const afterHeader = text.slice(header.index + header[0].length);
  const footer = FOOTER.exec(afterHeader);
  let body = footer ? afterHeader.slice(0, footer.index) : afterHeader;
  const ext = EXTENDS.exec(body);
  const names = ext ? ext[1]!.split(",").map((s) => s.trim()) : [];
  if (ext) body = body.slice(0, ext.index) + body.slice(ext.index + ext[0].length);
  return { name: header[1]!, extends: names, body };
}

/**
 * One self-contained module equivalent to `mainText` given the texts of our other modules (by module
 * name). Returns `mainText` unchanged when it extends none of them.
 */
export function flattenModule(mainText: string, modules: ReadonlyMap<string, string>): string {
  const main = splitModule(mainText, "the main module");
  const ours = (names: string[]) => names.filter((n) => modules.has(n));
  const instanced = [...mainText.matchAll(/\bINSTANCE\s+(\w+)/g)].map((m) => m[1]!).filter((n) => modules.has(n));
  if (instanced.length > 0) throw new FlattenError(`module ${main.name} uses INSTANCE ${instanced[0]}, which the embedded engine cannot load`);
  if (ours(main.extends).length === 0) return mainText;

  const standard = new Set<string>();
  const bodies: string[] = [];
  const included = new Set<string>();
  const visit = (m: ModuleText, path: string[]) => {
    for (const name of m.extends) {
      if (!modules.has(name)) {
        standard.add(name);
        continue;
      }
      if (path.includes(name)) throw new FlattenError(`modules extend each other in a cycle: ${[...path, name].join(" -> ")}`);
      if (included.has(name)) continue;
      const text = modules.get(name)!;
      if (/\bINSTANCE\s+\w+/.test(text) && ours([...text.matchAll(/\bINSTANCE\s+(\w+)/g)].map((x) => x[1]!)).length > 0) {
        throw new FlattenError(`module ${name} uses INSTANCE of another module of ours, which the embedded engine cannot load`);
      }
      const child = splitModule(text, `module ${name}`);
      visit(child, [...path, name]);
      included.add(name);
      bodies.push(`\\* ---- from module ${name} ----${child.body}`);
    }
  };
  visit(main, [main.name]);
  bodies.push(`\\* ---- from module ${main.name} ----${main.body}`);
  const extendsLine = standard.size > 0 ? `EXTENDS ${[...standard].join(", ")}\n` : "";
  return `---- MODULE ${main.name} ----\n${extendsLine}${bodies.join("\n")}\n====\n`;
}
