/**
 * How the pane decides whether Excel is there (src/taskpane/startup.ts), with the clock in the
 * test's hands: each `sleep` is a promise the test settles, so no test waits on real time.
 */
import { describe, expect, it } from "vitest";
import {
  BROWSER_WAIT_MS,
  decideStart,
  openedByOffice,
  SLOW_MS,
  type StartEnv,
} from "../../../src/taskpane/startup";

const EXCEL = "Excel";

function deferred<T>() {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

/** An env whose timers and Office.onReady the test releases by hand. */
function env(over: Partial<StartEnv> = {}) {
  const timers = new Map<number, ReturnType<typeof deferred<void>>>();
  const ready = deferred<{ host: unknown }>();
  let slow = 0;
  const e: StartEnv = {
    search: "",
    windowName: "",
    session: null,
    bridges: {},
    office: { onReady: () => ready.promise },
    excelHost: EXCEL,
    hasExcel: true,
    sleep: (ms) => {
      const d = deferred<void>();
      timers.set(ms, d);
      return d.promise;
    },
    onSlow: () => slow++,
    ...over,
  };
  const tick = () => new Promise((r) => setImmediate(r));
  return {
    e,
    ready,
    fire: async (ms: number) => (timers.get(ms)!.resolve(), await tick()),
    slow: () => slow,
    tick,
  };
}

describe("openedByOffice", () => {
  const none = { search: "", windowName: "", session: null, bridges: {} };
  it("sees Office's _host_Info in the URL", () => {
    expect(openedByOffice({ ...none, search: "?_host_Info=Excel$Win32$16.01$en-US$$$$0" })).toBe(
      true
    );
    expect(openedByOffice({ ...none, search: "?et=&_host_Info=Excel|Web|16.00|en-US" })).toBe(true);
  });
  it("sees the host info office.js kept in sessionStorage or window.name", () => {
    expect(
      openedByOffice({
        ...none,
        session: { getItem: (k) => (k === "hostInfoValue" ? "Excel$Mac$16.01$en-US" : null) },
      })
    ).toBe(true);
    expect(
      openedByOffice({ ...none, windowName: JSON.stringify({ hostInfo: "Excel|Web|16.00|en-US" }) })
    ).toBe(true);
  });
  it("sees the host bridges of Office's web views (WebView2, WKWebView, IE's external.GetHostInfo)", () => {
    expect(openedByOffice({ ...none, bridges: { chrome: { webview: {} } } })).toBe(true);
    expect(
      openedByOffice({ ...none, bridges: { webkit: { messageHandlers: { Agave: {} } } } })
    ).toBe(true);
    expect(openedByOffice({ ...none, bridges: { external: { GetHostInfo: () => "" } } })).toBe(
      true
    );
  });
  it("is false in a plain browser, also with an unrelated window.name or a refusing sessionStorage", () => {
    expect(openedByOffice(none)).toBe(false);
    expect(
      openedByOffice({
        ...none,
        search: "?host=Excel",
        windowName: "not json",
        bridges: { chrome: {}, external: {} },
      })
    ).toBe(false);
    expect(
      openedByOffice({
        ...none,
        session: {
          getItem: () => {
            throw new Error("denied");
          },
        },
      })
    ).toBe(false);
  });
});

describe("decideStart inside Office", () => {
  const inOffice = { search: "?_host_Info=Excel$Win32$16.01$en-US$$$$0" };

  it("waits for Office.onReady past every timer, says it is slow, then starts with Excel", async () => {
    const { e, ready, fire, slow, tick } = env(inOffice);
    let result: string | null = null;
    void decideStart(e).then((r) => (result = r));
    await fire(SLOW_MS);
    expect(slow()).toBe(1);
    expect(result).toBeNull();
    ready.resolve({ host: EXCEL });
    await tick();
    expect(result).toBe("excel");
  });

  it("says nothing about slowness when Office answers first", async () => {
    const { e, ready, fire, slow } = env(inOffice);
    const start = decideStart(e);
    ready.resolve({ host: EXCEL });
    expect(await start).toBe("excel");
    await fire(SLOW_MS);
    expect(slow()).toBe(0);
  });

  it("reports office.js unreachable when Office opened the pane but Office is undefined", async () => {
    const { e } = env({ ...inOffice, office: undefined, hasExcel: false });
    expect(await decideStart(e)).toBe("office-unreachable");
  });

  it("starts without Excel when Office answers with another host", async () => {
    const { e, ready } = env(inOffice);
    const start = decideStart(e);
    ready.resolve({ host: "Word" });
    expect(await start).toBe("no-excel");
  });
});

describe("decideStart in a plain browser", () => {
  it("starts without Excel when office.js did not load", async () => {
    expect(await decideStart(env({ office: undefined, hasExcel: false }).e)).toBe("no-excel");
  });

  it("starts without Excel when office.js answers with no host (outside Office)", async () => {
    const { e, ready } = env();
    const start = decideStart(e);
    ready.resolve({ host: null });
    expect(await start).toBe("no-excel");
  });

  it("gives up on a hung office.js after the browser timeout, without a slowness notice", async () => {
    const { e, fire, slow } = env();
    const start = decideStart(e);
    await fire(BROWSER_WAIT_MS);
    expect(await start).toBe("no-excel");
    await fire(SLOW_MS);
    expect(slow()).toBe(0);
  });
});
