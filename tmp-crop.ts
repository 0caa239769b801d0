import { chromium } from "playwright-core";
import { readFileSync } from "node:fs";
const b = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--headless", "--no-sandbox", "--disable-gpu"] });
const p = await b.newPage({ viewport: { width: 1100, height: 800 } });
await p.setContent(readFileSync("test-artifacts/tmp.html", "utf8"));
await p.locator("svg.sequence-diagram").screenshot({ path: process.argv[2]! });
await b.close();
