/**
 * Microsoft's Excel client runtime (`@microsoft/office-js` dist/excel-web-16.00.js) with the fake
 * as its host. The code under test talks to the real `Excel.run`, proxies, `load` and `sync`; each
 * sync's JSON body (RichApi "ProcessQuery": Actions + ObjectPaths) reaches a duck-typed session
 * executor, which measures the bytes as the runtime serialised them, refuses bodies over the
 * payload limit, and replays the actions on the fake's object model (which holds the workbook
 * state and the host rules). Results go back in the runtime's wire format (PascalCase properties,
 * `_Items`, `null` for null objects, `Id` and `_ReferenceId` for objects kept across syncs).
 * Protocol: /work/shared/reference/office-js-runtime.md.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import vm from "node:vm";
import { FakeOfficeError } from "./errors";
import { FakeRequestContext, type FakeExcel } from "./index";

type Json = Record<string, unknown>;
interface ObjectPath {
  Id: number;
  ObjectPathType: number;
  Name: string;
  ParentObjectPathId?: number;
  ArgumentInfo?: { Arguments?: unknown[]; ReferencedObjectPathIds?: unknown[] };
}
interface Action {
  Id: number;
  ActionType: number;
  Name: string;
  ObjectPathId: number;
  ArgumentInfo?: { Arguments?: unknown[]; ReferencedObjectPathIds?: unknown[] };
  QueryInfo?: { Select?: string[] };
}

/** The runtime's globals: `Excel` and `OfficeExtension`, as typed by @types/office-js. */
export interface OfficeRuntime {
  Excel: typeof Excel;
  OfficeExtension: typeof OfficeExtension;
  /** Property names the code under test assigned that no runtime class defines (a typo or a member this build lacks). */
  unknownMembers: Set<string>;
}

let cached: OfficeRuntime | null = null;

/** Load excel-web-16.00.js once into its own vm realm (about 1 s). */
export function officeRuntime(): OfficeRuntime {
  if (cached) return cached;
  const file = createRequire(import.meta.url).resolve(
    "@microsoft/office-js/dist/excel-web-16.00.js"
  );
  const g: Json = { navigator: { userAgent: "node" }, setTimeout, clearTimeout, console };
  g.window = g;
  vm.createContext(g);
  vm.runInContext(readFileSync(file, "utf8"), g);
  const unknownMembers = new Set<string>();
  // An assignment to a name no proxy class defines would be kept silently as a plain field and
  // never sent: trap it at the top of every proxy's prototype chain (the runtime's own fields start with _ or m_).
  const OE = g.OfficeExtension as typeof OfficeExtension & { ClientObject: { prototype: object } };
  let root: object = OE.ClientObject.prototype;
  while (Object.getPrototypeOf(Object.getPrototypeOf(root)))
    root = Object.getPrototypeOf(root) as object;
  const base = Object.getPrototypeOf(root) as object;
  Object.setPrototypeOf(
    root,
    new Proxy(Object.create(base) as object, {
      set(_t, prop, value, receiver: object) {
        if (typeof prop === "string" && !/^(_|m_)/.test(prop)) unknownMembers.add(prop);
        Object.defineProperty(receiver, prop, {
          value,
          writable: true,
          enumerable: true,
          configurable: true,
        });
        return true;
      },
    })
  );
  cached = { Excel: g.Excel as typeof Excel, OfficeExtension: OE, unknownMembers };
  return cached;
}

/** One request as the runtime sent it. */
export interface WireRequest {
  /** UTF-8 bytes of JSON.stringify(Body), the body Office.js hands to Excel. */
  bytes: number;
  flags: number;
  actions: number;
  /** True for the runtime's own clean-up at the end of Excel.run: it only releases objects it kept across syncs. */
  release: boolean;
}

const camel = (s: string): string => s.charAt(0).toLowerCase() + s.slice(1);
const pascal = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

/**
 * An `Excel.run` whose host is `fake`: every request goes through Microsoft's serializer, and
 * `requests` lists their real sizes.
 */
export function runtimeRun(fake: FakeExcel): {
  run: <T>(fn: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;
  requests: WireRequest[];
} {
  const rt = officeRuntime();
  const requests: WireRequest[] = [];
  const refs = new Map<string, unknown>();
  let nextRef = 1;
  // One fake context per runtime context (Excel.run): objects kept by reference stay bound to it.
  let ctx = new FakeRequestContext(fake.core);
  const executor = {
    async executeAsync(
      _custom: unknown,
      flags: number,
      message: { Body: { Actions: Action[]; ObjectPaths: Record<string, ObjectPath> } }
    ) {
      const text = JSON.stringify(message.Body);
      const bytes = Buffer.byteLength(text, "utf8");
      const calls = message.Body.Actions.filter((a) => a.ActionType !== 1);
      const release = calls.length > 0 && calls.every((a) => a.Name === "_RemoveReference");
      requests.push({ bytes, flags, actions: message.Body.Actions.length, release });
      const limit = fake.core.options.payloadLimit;
      if (bytes > limit)
        return error(
          fake.core.options.requestError ?? "RequestPayloadSizeLimitExceeded",
          `The request payload size (${bytes} bytes) has exceeded the limit.`
        );
      return replay(JSON.parse(text) as typeof message.Body);
    },
  };
  const error = (code: string, msg: string, location?: string) => ({
    Body: { Error: { Code: code, Message: msg, Location: location }, Results: [] },
  });

  async function replay(body: { Actions: Action[]; ObjectPaths: Record<string, ObjectPath> }) {
    const objects = new Map<number, unknown>();
    const kept = new Map<number, string>();
    const results: (() => { ActionId: number; Value: unknown })[] = [];
    const args = (info: ObjectPath["ArgumentInfo"]) =>
      (info?.Arguments ?? []).map((a, i) =>
        info?.ReferencedObjectPathIds?.[i] ? resolve(a as number) : a
      );
    function resolve(id: number): unknown {
      if (objects.has(id)) return objects.get(id);
      const p = body.ObjectPaths[String(id)];
      let obj: unknown;
      const parent = () => resolve(p.ParentObjectPathId!) as Record<string, unknown>;
      const call = (name: string, a: unknown[]) => {
        const target = parent();
        const fn = target[name];
        if (typeof fn !== "function")
          throw new FakeOfficeError(
            "InvalidArgument",
            `The fake does not model ${name}() on ${String((target as { path?: string }).path)}.`
          );
        return (fn as (...x: unknown[]) => unknown).apply(target, a);
      };
      switch (p.ObjectPathType) {
        case 1:
          obj = ctx.workbook;
          break;
        case 3:
          obj = call(camel(p.Name), args(p.ArgumentInfo));
          break;
        case 4:
          obj = parent()[camel(p.Name)];
          break;
        case 5:
          obj = call(
            "getItem",
            args(p.ArgumentInfo).map((k) => byId(k))
          );
          break;
        case 7:
          obj = null;
          break;
        case 6:
          obj = refs.get(p.Name);
          break;
        default:
          obj = undefined;
      }
      objects.set(id, obj);
      return obj;
    }
    const byId = (k: unknown) => fake.state.sheets.find((s) => s.id === k)?.name ?? k;
    for (const a of body.Actions) {
      const obj = a.ObjectPathId ? (resolve(a.ObjectPathId) as Record<string, unknown>) : undefined;
      switch (a.ActionType) {
        case 1:
          results.push(() => ({
            ActionId: a.Id,
            Value: instantiated(obj, kept.get(a.ObjectPathId)),
          }));
          break;
        case 2: {
          const select = a.QueryInfo?.Select ?? [];
          (obj as { load: (s: string[]) => void }).load(select);
          results.push(() => ({ ActionId: a.Id, Value: queried(obj, select) }));
          break;
        }
        case 3:
          if (a.Name === "_KeepReference") {
            const ref = `R${nextRef++}`;
            refs.set(ref, obj);
            kept.set(a.ObjectPathId, ref);
          } else if (a.Name === "_RemoveReference")
            refs.delete(String(a.ArgumentInfo?.Arguments?.[0]));
          else if (a.Name !== "_ValidateArraySize") {
            const out = (obj![camel(a.Name)] as (...x: unknown[]) => unknown).apply(
              obj,
              args(a.ArgumentInfo)
            );
            results.push(() => ({
              ActionId: a.Id,
              Value:
                out && typeof out === "object" && "value" in out
                  ? (out as { value: unknown }).value
                  : null,
            }));
          }
          break;
        case 4:
          obj![camel(a.Name)] = args(a.ArgumentInfo)[0];
          break;
      }
    }
    try {
      await ctx.sync();
    } catch (e) {
      if (e instanceof FakeOfficeError) return error(e.code, e.message, e.debugInfo.errorLocation);
      throw e;
    }
    return { Body: { Results: results.map((r) => r()) } };
  }

  /** Instantiate's answer: null for a null object, else the ids that let the runtime reuse the proxy. */
  function instantiated(obj: unknown, ref: string | undefined): unknown {
    const o = obj as { isNullObject?: boolean; ref?: () => unknown } | undefined;
    try {
      if (o && "isNullObject" in o && o.isNullObject) return null;
    } catch {
      /* not a nullable proxy */
    }
    const value: Json = {};
    if (ref) value._ReferenceId = ref;
    const id = stableId(obj);
    if (id) value.Id = id;
    return value;
  }
  function stableId(obj: unknown): string | undefined {
    const o = obj as { stableId?: () => string | undefined } | null;
    return o && typeof o === "object" && typeof o.stableId === "function"
      ? o.stableId()
      : undefined;
  }
  function queried(obj: unknown, select: string[]): unknown {
    const o = obj as Record<string, unknown> & { isNullObject?: boolean; items?: unknown[] };
    try {
      if ("isNullObject" in o && o.isNullObject) return null;
    } catch {
      /* not a nullable proxy */
    }
    // "title/text" selects a navigation property's field: answered nested, { Title: { Text } }.
    const pick = (x: Record<string, unknown>) => {
      const out: Json = {};
      for (const s of select) {
        const keys = s.split("/");
        let from: Record<string, unknown> | undefined = x;
        let to = out;
        keys.forEach((k, i) => {
          // a property the fake leaves unset (an automatic axis bound) answers null, never absent
          if (i === keys.length - 1) to[pascal(k)] = from?.[k] ?? null;
          else {
            from = from?.[k] as Record<string, unknown> | undefined;
            to = (to[pascal(k)] ??= {}) as Json;
          }
        });
      }
      return out;
    };
    if (Array.isArray(o.items))
      return {
        _Items: (o.items as Record<string, unknown>[]).map((it) => ({
          ...pick(it),
          ...(stableId(it) ? { Id: stableId(it) } : {}),
        })),
      };
    return pick(o);
  }

  const session = {
    _resolveRequestUrlAndHeaderInfo: () =>
      Promise.resolve({ url: "http://fake-excel/", headers: {} }),
    _createRequestExecutorOrNull: () => {
      ctx = new FakeRequestContext(fake.core);
      refs.clear();
      return executor;
    },
  };
  const run = <T>(fn: (context: Excel.RequestContext) => Promise<T>): Promise<T> =>
    (rt.Excel.run as unknown as (s: unknown, f: typeof fn) => Promise<T>)(session, fn);
  return { run, requests };
}
