/**
 * Child process of bench/doctor-big.ts: `tsx bench/lib/doctor-child.ts FILE [OUT]` runs the
 * doctor's CLI on FILE (with --fix OUT when given) and prints one JSON line: exit code, wall
 * seconds, peak resident memory in MiB.
 */
import { main } from "../../src/cli/main";

const [file, out] = process.argv.slice(2);
const t0 = process.hrtime.bigint();
void main(["doctor", file, "--json", ...(out ? ["--fix", out] : [])], {
  out: () => undefined,
  err: (s) => void process.stderr.write(s),
}).then((code) => {
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const peakMiB = process.resourceUsage().maxRSS / 1024;
  process.stdout.write(JSON.stringify({ code, seconds, peakMiB }) + "\n");
});
