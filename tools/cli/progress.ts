// A live progress line on a terminal: states generated, distinct, queue, rate, elapsed.
import type { Progress } from "../checker/types.ts";

export class ProgressLine {
  private label = "";
  private started = 0;
  private shown = false;

  constructor(private readonly enabled: boolean) {}

  start(label: string): void {
    this.label = label;
    this.started = Date.now();
    this.render(`${label}: starting`);
  }

  update(p: Progress): void {
    const elapsed = (Date.now() - this.started) / 1000;
    const rate = elapsed > 0 ? Math.round(p.statesGenerated / elapsed) : 0;
    const n = (x: number) => x.toLocaleString("en-US");
    this.render(`${this.label}: ${n(p.statesGenerated)} generated, ${n(p.distinctStates)} distinct, queue ${n(p.queue)}, ${n(rate)}/s, ${elapsed.toFixed(0)} s`);
  }

  stop(): void {
    if (this.enabled && this.shown) process.stderr.write("\r\x1b[2K");
    this.shown = false;
  }

  private render(text: string): void {
    if (!this.enabled) return;
    const width = process.stderr.columns ?? 80;
    process.stderr.write(`\r\x1b[2K${text.slice(0, width - 1)}`);
    this.shown = true;
  }
}
