/**
 * How the pane decides whether Excel is there. Office opens the pane with its host info (the
 * `_host_Info` query parameter, which office.js also keeps in sessionStorage and window.name, or a
 * host bridge object); a plain browser has none of these. Inside Office the pane waits for
 * `Office.onReady` as long as it takes (a slow link or a cold desktop start can take many seconds)
 * and never concludes "no Excel" from a timer; in a plain browser a timer guards a hung office.js.
 */

/** Where the pane runs, and what it should do. */
export type Start =
  /** Office answered and the host is Excel. */
  | "excel"
  /** A plain browser (or Office answered with a host other than Excel): the no-Excel pane. */
  | "no-excel"
  /** Opened by Office, but office.js never loaded (offline, or its CDN blocked). */
  | "office-unreachable";

/** The parts of `window` the decision reads. */
export interface StartEnv {
  search: string;
  windowName: string;
  session: { getItem(key: string): string | null } | null;
  /** `window.external`, `window.webkit`, `window.chrome`: bridges Office's web views add. */
  bridges: { external?: unknown; webkit?: unknown; chrome?: unknown };
  office: { onReady?: () => Promise<{ host: unknown }> } | undefined;
  excelHost: unknown;
  hasExcel: boolean;
  sleep: (ms: number) => Promise<void>;
  /** Called once when Office is slow to answer (the pane says it is still waiting). */
  onSlow: () => void;
}

/** How long a plain browser waits for office.js, and when the pane says Office is slow. */
export const BROWSER_WAIT_MS = 5000;
export const SLOW_MS = 8000;

const get = (o: unknown, ...path: string[]): unknown =>
  path.reduce<unknown>(
    (v, k) => (v !== null && typeof v === "object" ? (v as Record<string, unknown>)[k] : undefined),
    o
  );

/** True when Office opened this page: its host info is in the URL, window.name or session, or a host bridge exists. */
export function openedByOffice(
  env: Pick<StartEnv, "search" | "windowName" | "session" | "bridges">
): boolean {
  if (/[?&]_host_Info=/i.test(env.search)) return true;
  try {
    if (env.session?.getItem("hostInfoValue")) return true;
  } catch {
    // a sandboxed frame may refuse sessionStorage
  }
  try {
    if (env.windowName && get(JSON.parse(env.windowName), "hostInfo")) return true;
  } catch {
    // window.name is not Office's JSON
  }
  return Boolean(
    get(env.bridges.webkit, "messageHandlers", "Agave") ||
    get(env.bridges.chrome, "webview") ||
    typeof get(env.bridges.external, "GetHostInfo") !== "undefined"
  );
}

/** Wait for Office and say how the pane should start (see the module comment for the rules). */
export async function decideStart(env: StartEnv): Promise<Start> {
  const inOffice = openedByOffice(env);
  const onReady = env.office?.onReady;
  if (typeof onReady !== "function") return inOffice ? "office-unreachable" : "no-excel";
  let answered = false;
  const ready = onReady.call(env.office).then((info) => {
    answered = true;
    return info;
  });
  void env.sleep(SLOW_MS).then(() => {
    if (!answered && inOffice) env.onSlow();
  });
  const info = inOffice
    ? await ready
    : await Promise.race([ready, env.sleep(BROWSER_WAIT_MS).then(() => null)]);
  return info !== null && info.host === env.excelHost && env.hasExcel ? "excel" : "no-excel";
}
