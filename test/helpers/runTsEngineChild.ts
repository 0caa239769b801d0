// A separate Node process for the TS engine on one compiled protocol: a fault that aborts the process
// (a V8 fatal error cannot be caught) then fails one test, with its protocol, instead of the whole run.
//   node --import tsx test/helpers/runTsEngineChild.ts <input> <output>
// <input> holds v8.serialize({ compiled, scenario }) (the IR has Maps: not JSON); <output> gets the
// ScenarioReport of checkScenario(compiled, scenario, { engine: "ts", keepGraph: true }) as JSON.
import fs from "node:fs";
import v8 from "node:v8";
import type { CompiledProtocol } from "../../tools/compiler/index.ts";
import { checkScenario } from "../../tools/verify/scenario.ts";

const [input, output] = process.argv.slice(2);
const { compiled, scenario } = v8.deserialize(fs.readFileSync(input!)) as { compiled: CompiledProtocol; scenario: string };
const report = await checkScenario(compiled, scenario, { engine: "ts", keepGraph: true, timeoutSeconds: 120 });
fs.writeFileSync(output!, JSON.stringify(report));
