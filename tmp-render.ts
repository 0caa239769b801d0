import { readFileSync } from "node:fs";
import { renderText } from "./tools/trace/render/text.ts";
const t = JSON.parse(readFileSync(0, "utf8"));
process.stdout.write(renderText(t, { color: process.argv[2] === "color", width: 100 }));
