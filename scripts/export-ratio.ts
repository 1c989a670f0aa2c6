/**
 * One case of the export bench alone: `npx tsx scripts/export-ratio.ts [STEPS…]` (default 1000)
 * prints, per size, the pane's export (fflate) and the CLI's (zlib) as multiples of zlib alone on
 * the same XML, as `npm run bench` measures them (bench/export.ts), without the peer, LibreOffice
 * or the 100k memory runs. Run it a few times: on a shared machine one run can be off by 10%.
 */
import { exportTimes } from "../bench/export";

const sizes = process.argv.slice(2).map(Number);
for (const steps of sizes.length ? sizes : [1_000]) {
  const { fflate, zlib } = exportTimes(steps);
  console.log(
    `${steps} steps: fflate ${fflate.seconds.toFixed(4)} s ×${(fflate.seconds / zlib.zlibOnly).toFixed(2)}, ` +
      `zlib ${zlib.seconds.toFixed(4)} s ×${(zlib.seconds / zlib.zlibOnly).toFixed(2)}, zlib alone ${zlib.zlibOnly.toFixed(4)} s`
  );
}
