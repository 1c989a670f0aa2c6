/**
 * `npm start` as a new user runs it: what it prints matches what it serves, 127.0.0.1 works as
 * well as localhost (pages and the live-reload socket), `/` leads to the pane, and a SIGTERM to
 * npm frees the port (webpack included).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { spawn, type ChildProcess } from "node:child_process";
import { request, type IncomingMessage } from "node:http";
import { createServer } from "node:net";
import { resolve } from "node:path";

const root = resolve(__dirname, "../..");
let npm: ChildProcess;
let port: number;
let out = "";

/** A port nobody listens on now. */
function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const s = createServer().once("error", fail);
    s.listen(0, "127.0.0.1", () => {
      const p = (s.address() as { port: number }).port;
      s.close(() => ok(p));
    });
  });
}

/** Whether `p` can be listened on (nothing holds it). */
function canListen(p: number): Promise<boolean> {
  return new Promise((ok) => {
    const s = createServer().once("error", () => ok(false));
    s.listen(p, "127.0.0.1", () => s.close(() => ok(true)));
  });
}

/** Resolve when `check` holds, polling; fail with `what` after `ms`. */
async function until(
  check: () => boolean | Promise<boolean>,
  what: string,
  ms = 150_000
): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end)
      throw new Error(`timed out waiting for ${what}; npm start printed:\n${out}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

function get(host: string, path: string): Promise<{ res: IncomingMessage; body: string }> {
  return new Promise((ok, fail) => {
    request({ host: "127.0.0.1", port, path, headers: { host: `${host}:${port}` } }, (res) => {
      let body = "";
      res.on("data", (c) => (body += c));
      res.on("end", () => ok({ res, body }));
    })
      .on("error", fail)
      .end();
  });
}

/** Open the dev server's live-reload socket as a page at `origin` would; returns the server's first messages. */
function liveReload(host: string, origin: string): Promise<string> {
  return new Promise((ok, fail) => {
    const req = request({
      host: "127.0.0.1",
      port,
      path: "/ws",
      headers: {
        host: `${host}:${port}`,
        origin,
        connection: "Upgrade",
        upgrade: "websocket",
        "sec-websocket-version": "13",
        "sec-websocket-key": "dGhlIHNhbXBsZSBub25jZQ==",
      },
    });
    req.on("upgrade", (res, socket, head: Buffer) => {
      let text = head.toString("latin1");
      const done = () => {
        socket.destroy();
        ok(`${res.statusCode} ${text}`);
      };
      // a refused socket gets the error and is closed; an accepted one gets the build's hash
      const seen = () =>
        /Invalid Host|"type":"(ok|still-ok|hash|warnings|errors)"/.test(text) && done();
      socket.on("data", (d: Buffer) => {
        text += d.toString("latin1");
        seen();
      });
      socket.on("close", done);
      seen();
    });
    req.on("response", (res) => ok(`${res.statusCode}`));
    req.on("error", fail);
    req.end();
  });
}

beforeAll(async () => {
  port = await freePort();
  npm = spawn("npm", ["start"], {
    cwd: root,
    env: { ...process.env, GRADSHEET_PORT: String(port), BROWSER: "none" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  npm.stdout!.on("data", (d) => (out += d));
  npm.stderr!.on("data", (d) => (out += d));
  await until(() => out.includes("GradSheet is served at"), "the printed steps");
  await until(
    async () =>
      (await get("localhost", "/taskpane.html").catch(() => null))?.res.statusCode === 200,
    "the first build"
  );
});
afterAll(() => {
  if (npm.exitCode === null) npm.kill("SIGKILL");
});

describe("npm start", () => {
  it("prints the protocol it actually serves, and Excel steps only for https", async () => {
    const servesHttp = await get("localhost", "/taskpane.html").then(
      () => true,
      () => false
    );
    const protocol = servesHttp ? "http" : "https";
    expect(out).toContain(`GradSheet is served at ${protocol}://localhost:${port}/taskpane.html`);
    if (protocol === "http") {
      expect(out).toMatch(/PLAIN HTTP[\s\S]*Excel loads add-ins over https only/);
      expect(out).not.toMatch(/Upload My Add-in/);
    } else expect(out).toMatch(/Upload My Add-in/);
  });

  it("serves the pane on 127.0.0.1 as on localhost", async () => {
    for (const host of ["127.0.0.1", "localhost"]) {
      const { res, body } = await get(host, "/taskpane.html");
      expect(res.statusCode, host).toBe(200);
      expect(body, host).toMatch(/<title>GradSheet<\/title>/);
      expect(body, host).not.toMatch(/Invalid Host/);
    }
  });

  it("accepts the live-reload socket from a page on 127.0.0.1 (no Invalid Host/Origin header)", async () => {
    for (const [host, origin] of [
      ["127.0.0.1", `http://127.0.0.1:${port}`],
      ["localhost", `http://127.0.0.1:${port}`],
      ["localhost", `http://localhost:${port}`],
    ]) {
      const answer = await liveReload(host, origin);
      expect(answer, `${host} from ${origin}`).toMatch(/^101 /);
      expect(answer, `${host} from ${origin}`).not.toMatch(/Invalid Host/);
    }
  });

  it("sends / to the pane, keeping Office's query string", async () => {
    const plain = await get("127.0.0.1", "/");
    expect(plain.res.statusCode).toBe(302);
    expect(plain.res.headers.location).toBe("/taskpane.html");
    const fromOffice = await get("localhost", "/?_host_Info=Excel$Win32$16.01$en-US");
    expect(fromOffice.res.headers.location).toBe(
      "/taskpane.html?_host_Info=Excel$Win32$16.01$en-US"
    );
  });

  it("stops every process and frees the port when npm gets SIGTERM", async () => {
    expect(await canListen(port)).toBe(false);
    const exited = new Promise((r) => npm.once("exit", r));
    npm.kill("SIGTERM");
    await exited;
    await until(() => canListen(port), `port ${port} to be free`, 20_000);
    expect(out).toMatch(/stopping the dev server/);
  });
});
