// The HTML report in a real browser (headless Chromium through playwright-core): the sequence diagram
// and the step table are there, nothing is fetched from outside, and screenshots land in
// test-artifacts/ for a look. Skipped, with one line, where /usr/bin/chromium is missing.
import { expect } from "chai";
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { chromium, type Browser, type Page } from "playwright-core";
import { probeFor } from "../../tools/trace/compiled.ts";
import { loadTrace } from "../../tools/trace/fromRun.ts";
import { renderHtml } from "../../tools/trace/render/html.ts";
import type { Trace } from "../../tools/trace/types.ts";
import { CASES, compiled, TRACE_RUNS_DIR } from "../helpers/traceRuns.ts";

const CHROMIUM = "/usr/bin/chromium";
const ARTIFACTS = fileURLToPath(new URL("../../test-artifacts/", import.meta.url));
const ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

function savedTrace(name: string): Trace {
  const k = CASES.find((c) => c.name === name)!;
  const c = compiled(k.file);
  return loadTrace(readFileSync(path.join(TRACE_RUNS_DIR, `${name}.stdout.txt`), "utf8"), c.sourceMap, { scenario: k.scenario, probeFor: (s) => probeFor(c, s) });
}

describe("the HTML report in Chromium", function () {
  this.timeout(120_000);
  let browser: Browser | undefined;

  before(async function () {
    if (!existsSync(CHROMIUM)) {
      console.log(`      HTML browser tests skipped: ${CHROMIUM} not found (apt-get install chromium)`);
      this.skip();
    }
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
    mkdirSync(ARTIFACTS, { recursive: true });
  });
  after(async () => {
    await browser?.close();
  });

  async function open(html: string): Promise<{ page: Page; requests: string[] }> {
    const page = await browser!.newPage({ viewport: { width: 1200, height: 900 } });
    const requests: string[] = [];
    page.on("request", (r) => requests.push(r.url()));
    await page.setContent(html, { waitUntil: "load" });
    return { page, requests };
  }

  for (const name of ["liveness-carsCross", "twoPhase-consistent", "deadlock-deadlock", "counter-typeOK"]) {
    it(`shows ${name} with a sequence diagram and a step table`, async () => {
      const trace = savedTrace(name);
      const { page, requests } = await open(renderHtml(trace));
      expect(await page.title()).to.match(/^[\w-]+ · /);
      const diagram = page.locator("svg.sequence-diagram");
      expect(await diagram.isVisible()).to.equal(true);
      expect(await diagram.locator("g.lifeline").count()).to.equal(trace.processes.length);
      const moves = trace.steps.length - 1 + (trace.loop?.kind === "back-to-step" ? 1 : 0);
      expect(await diagram.locator("g.step").count()).to.equal(moves);
      const wakes = [...trace.steps, ...(trace.loop?.kind === "back-to-step" ? [trace.loop.closing] : [])].filter((m) => m.wakes?.length).length;
      expect(await diagram.locator("g.wake").count()).to.equal(wakes);
      expect(await diagram.locator("g.loop").count()).to.equal(trace.loop?.kind === "back-to-step" ? 1 : 0);
      expect(await diagram.locator("g.fate").count()).to.equal(trace.processes.length);
      const table = page.locator("table.step-table");
      expect(await table.isVisible()).to.equal(true);
      expect(await table.locator("tbody tr:not(.mark)").count()).to.equal(moves);
      expect(await page.locator("p.headline").innerText()).to.equal(trace.explanation.headline.replace(/`/g, ""));
      const box = await diagram.boundingBox();
      expect(box!.width).to.be.greaterThan(300);
      expect(requests.filter((u) => !u.startsWith("about:") && !u.startsWith("data:"))).to.deep.equal([]);
      await page.screenshot({ path: path.join(ARTIFACTS, `trace-${name}.png`), fullPage: true });
      await diagram.screenshot({ path: path.join(ARTIFACTS, `trace-${name}.diagram.png`) });
      await page.close();
    });
  }

  it("draws the wakes of the lasso as arrows between lifelines, and marks the loop", async () => {
    const trace = savedTrace("liveness-carsCross");
    const { page } = await open(renderHtml(trace));
    const wake = page.locator("g.wake").first();
    expect(await wake.getAttribute("data-from")).to.equal("light");
    expect(await wake.getAttribute("data-to")).to.equal("car1 truck1 bike1");
    expect(await page.locator("g.loop text").first().textContent()).to.match(/loop/);
    expect(await page.locator("g.fate-starved text.fate-status").textContent()).to.match(/starved/);
    await page.close();
  });

  it("shows the DAX seed report when the DAX test has written it", async function () {
    const file = path.join(ARTIFACTS, "dax-seed.html");
    if (!existsSync(file)) this.skip();
    const { page } = await open(readFileSync(file, "utf8"));
    expect(await page.locator("svg.sequence-diagram g.wake").count()).to.be.at.least(2);
    await page.screenshot({ path: path.join(ARTIFACTS, "trace-dax-seed.png"), fullPage: true });
    await page.close();
  });
});
