import { expect } from "chai";
import { tlcInvocation } from "../../tools/checker/tlc/commandLine.ts";
import type { TlcInstallation } from "../../tools/checker/tlc/discover.ts";
import type { CheckRequest } from "../../tools/checker/types.ts";

const jar: TlcInstallation = {
  jarPath: "/opt/tla2tools.jar",
  javaPath: "/usr/bin/java",
  source: "cache",
  supportsDumpTraceJson: true,
  options: ["-config", "-deadlock", "-dumpTrace", "-fp", "-metadir", "-noGenerateSpecTE", "-seed", "-tool", "-userFile", "-workers"],
};
const req: CheckRequest = { tlaFile: "/spec/MC.tla", cfgFile: "/spec/run1.cfg", checkDeadlock: true };

describe("TLC command line", () => {
  it("runs java on the jar with fixed locale, private temp dirs, fixed fp and seed", () => {
    const inv = tlcInvocation(req, jar, "/tmp/run");
    expect(inv.file).to.equal("/usr/bin/java");
    expect(inv.args).to.deep.equal([
      "-XX:+UseParallelGC", "-Duser.language=en", "-Duser.country=US", "-Djava.io.tmpdir=/tmp/run/jtmp", "-XX:-UsePerfData",
      "-cp", "/opt/tla2tools.jar", "tlc2.TLC",
      "-tool", "-metadir", "/tmp/run/meta", "-noGenerateSpecTE", "-workers", "1", "-config", "run1.cfg",
      "-userFile", "/tmp/run/user-output.txt", "-dumpTrace", "json", "/tmp/run/trace.json", "-fp", "0", "-seed", "0", "MC.tla",
    ]);
    expect(inv).to.include({ dumpPath: "/tmp/run/trace.json", userFile: "/tmp/run/user-output.txt" });
    expect(inv.envOverrides).to.deep.equal({});
    expect(inv.args).to.not.include("-cleanup");
  });

  it("follows the request: deadlock off, workers, heap, progress interval, text traces", () => {
    const inv = tlcInvocation({ ...req, checkDeadlock: false, workers: "auto", heap: "4g", traceSource: "text" }, jar, "/tmp/run", { progressIntervalSeconds: 2 });
    expect(inv.args).to.include.members(["-deadlock", "-Xmx4g", "-Dtlc2.TLC.progressInterval=2"]);
    expect(inv.args.slice(inv.args.indexOf("-workers"), inv.args.indexOf("-workers") + 2)).to.deep.equal(["-workers", "auto"]);
    expect(inv.args).to.not.include("-dumpTrace");
    expect(inv.dumpPath).to.equal(undefined);
  });

  it("leaves out options this TLC does not list (v1.7.4 has no -dumpTrace)", () => {
    const old = { ...jar, supportsDumpTraceJson: false, options: jar.options.filter((o) => o !== "-dumpTrace" && o !== "-userFile") };
    const inv = tlcInvocation({ ...req, traceSource: "json" }, old, "/tmp/run");
    expect(inv.args).to.not.include.members(["-dumpTrace", "-userFile"]);
    expect(inv.userFile).to.equal(undefined);
  });

  it("passes JVM flags to a tlc wrapper script through JAVA_TOOL_OPTIONS", () => {
    const wrapper: TlcInstallation = { tlcCommand: "/usr/local/bin/tlc", source: "PATH", supportsDumpTraceJson: true, options: jar.options };
    const inv = tlcInvocation(req, wrapper, "/tmp/run", { javaToolOptions: "-Dfoo=1" });
    expect(inv.file).to.equal("/usr/local/bin/tlc");
    expect(inv.args[0]).to.equal("-tool");
    expect(inv.envOverrides.JAVA_TOOL_OPTIONS).to.equal("-Dfoo=1 -XX:+UseParallelGC -Duser.language=en -Duser.country=US -Djava.io.tmpdir=/tmp/run/jtmp -XX:-UsePerfData");
  });
});
