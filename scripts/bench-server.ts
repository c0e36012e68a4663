// What the benchmarks share: the production server started as a child process on a database, and
// autocannon as a process of its own (one in the measuring process shares its event loop and
// skews the tail). Used by bench-pages.ts and bench-notifications.ts.
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Figures } from "./bench-pages-judge";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const AUTOCANNON = path.join(ROOT, "node_modules/autocannon/autocannon.js");

/** A problem with the set-up (no build, no database, a busy port): exit code 2, not a failed target. */
export class SetupError extends Error {}

export type Probe = { status: number; bytes: number; body: string; setCookies: string[]; location: string | null };

/** One request, redirect not followed: its status (0 when nothing answered), size and (short) body. */
export async function probe(url: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<Probe> {
  try {
    const response = await fetch(url, { ...init, redirect: "manual", signal: AbortSignal.timeout(15_000) });
    const body = Buffer.from(await response.arrayBuffer());
    return {
      status: response.status,
      bytes: body.byteLength,
      body: body.subarray(0, 2000).toString("utf8"),
      setCookies: response.headers.getSetCookie(),
      location: response.headers.get("location"),
    };
  } catch {
    return { status: 0, bytes: 0, body: "", setCookies: [], location: null };
  }
}
export const status = async (url: string) => (await probe(url)).status;

export function startServer(options: { port: number; database: string }) {
  const child = spawn(process.execPath, ["server.js"], {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(options.port),
      APP_URL: `http://127.0.0.1:${options.port}`,
      DATABASE_PATH: options.database,
      SESSION_SECRET: "bench-pages-secret-0123456789abcdefghijk", // 40 characters, test only
      ACCESS_LOG: "off",
      // No mail server here: messages are written as files beside the benchmark's database.
      MAIL_TRANSPORT: "outbox",
      OUTBOX_DIR: `${options.database}.outbox`,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-8000);
  };
  child.stdout.on("data", keep);
  child.stderr.on("data", keep);
  let exit: string | null = null;
  child.on("exit", (code, signal) => (exit = signal ? `signal ${signal}` : `code ${code}`));
  return { child, output: () => output, exit: () => exit };
}

export async function waitForHealth(base: string, child: ChildProcess, output: () => string) {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new SetupError(`The server exited with code ${child.exitCode}:\n${output()}`);
    if ((await status(`${base}/healthz`)) === 200) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new SetupError(`GET /healthz did not answer 200 within 60 s:\n${output()}`);
}

export async function stopChild(child: ChildProcess) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 5000);
  await exited;
  clearTimeout(timer);
}

type AutocannonJson = {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number; max: number };
  errors: number;
  timeouts: number;
  statusCodeStats?: Record<string, { count: number }>;
};

let running: ChildProcess | null = null;
let stopping = false;

/** Ctrl-C: kill the load generator now and start no further run. */
export function stopLoad() {
  stopping = true;
  running?.kill("SIGKILL");
}
export const isStopping = () => stopping;
// Never leave a load generator behind (Ctrl-C, a crash, process.exit).
process.on("exit", () => running?.kill("SIGKILL"));

/** One autocannon run in its own process (one in this process shares its event loop and skews the tail). */
export function loadTest(url: string, options: { connections: number; duration: number; method: string; headers: Record<string, string>; body?: string }) {
  const args = [AUTOCANNON, "--json", "-c", String(options.connections), "-d", String(options.duration), "-m", options.method];
  // autocannon splits -H at the first ":" or "="; header names contain neither.
  for (const [name, value] of Object.entries(options.headers)) args.push("-H", `${name}:${value}`);
  if (options.body !== undefined) args.push("-b", options.body);
  args.push(url);
  return new Promise<Figures & { requests: number; maxMs: number }>((resolve, reject) => {
    if (stopping) return reject(new Error("interrupted"));
    const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
    running = child;
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-2000)));
    const timer = setTimeout(() => child.kill("SIGKILL"), (options.duration + 60) * 1000);
    child.on("error", reject);
    child.on("exit", (code, signal) => {
      clearTimeout(timer);
      running = null;
      const line = stdout.trim().split("\n").pop() ?? "";
      try {
        const r = JSON.parse(line) as AutocannonJson;
        resolve({
          requestsPerSecond: r.requests.average,
          requests: r.requests.total,
          p50Ms: r.latency.p50,
          p99Ms: r.latency.p99,
          maxMs: r.latency.max,
          errors: r.errors,
          timeouts: r.timeouts,
          statusCodes: Object.fromEntries(Object.entries(r.statusCodeStats ?? {}).map(([c, s]) => [c, s.count])),
        });
      } catch {
        reject(new Error(`autocannon exited with ${signal ?? code} and no JSON result: ${stderr.trim() || stdout.slice(0, 300) || "(no output)"}`));
      }
    });
  });
}

