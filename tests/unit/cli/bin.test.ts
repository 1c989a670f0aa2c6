import { spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

describe("bin/gradsheet.js", () => {
  it("says to run npm run build, in one line and with exit 1, when build/ is missing", () => {
    const root = mkdtempSync(join(tmpdir(), "gradsheet-bin-"));
    mkdirSync(join(root, "bin"));
    copyFileSync(join(__dirname, "../../../bin/gradsheet.js"), join(root, "bin", "gradsheet.js"));
    const r = spawnSync(process.execPath, [join(root, "bin", "gradsheet.js"), "train"], {
      encoding: "utf8",
      cwd: root,
    });
    expect(r.status).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).toMatch(/the CLI is not built .*run `npm run build`/);
  });
});
