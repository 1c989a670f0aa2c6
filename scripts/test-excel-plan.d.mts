/** Types of scripts/test-excel-plan.mjs (the pure parts of `npm run test:excel`). */
export declare function quoteForCmd(arg: string): string;
export declare function npxSpawn(
  platform: string,
  args: string[]
): { command: string; args: string[]; shell: boolean };
export declare function waitUntil(
  ready: () => Promise<boolean>,
  options: { attempts: number; pause: () => Promise<void> }
): Promise<boolean>;
export declare function serverDownLine(port: number, seconds: number): string;
export declare function verdict(posted: unknown): { lines: string[]; ok: boolean };
