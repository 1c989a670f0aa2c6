import { existsSync } from "node:fs";
import { execFileSync } from "node:child_process";

/** Where a program is, or a loud failure that says how to install it (never a silent skip). */
export function requireProgram(name: string, candidates: string[], installHint: string): string {
  for (const c of candidates) if (existsSync(c)) return c;
  try {
    const found = execFileSync("sh", ["-c", `command -v ${name}`], { encoding: "utf8" }).trim();
    if (found) return found;
  } catch {
    /* not on PATH */
  }
  throw new Error(
    `${name} is not installed. Install it with:\n  ${installHint}\n(.ci/run does this on CI.)`
  );
}

export const LIBREOFFICE_HINT =
  "apt-get update && apt-get install -y --no-install-recommends libreoffice-calc-nogui python3-uno poppler-utils fonts-dejavu-core";
export const CHROMIUM_HINT =
  "apt-get update && apt-get install -y --no-install-recommends chromium";
