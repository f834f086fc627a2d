// The Python behind the Run panels: a module worker, so that the page never waits on it, and
// the panel ends it (terminate) to stop a run-away app. Pyodide, FastAPI's wheels and the
// runner (in_browser/runner.py) all come from the site, under assets/runtime/, which
// course/browser_runtime_files.py publishes: the lock file lists no package and every URL is
// the site's, so nothing can be fetched from Pyodide's CDN.
//
// Messages in, each with a numeric id that its answer carries back:
//   {kind: "load"}                           -> {kind: "ready"}
//   {kind: "run", source, filename}          -> {kind: "ran", ok: true, routes}
//                                               or {kind: "ran", ok: false, problem, error, line}
//   {kind: "request", method, path, body}    -> {kind: "response", status, reason, headers, body}
//   {kind: "check", source, filename, check} -> {kind: "checked", results, error, problem}
//   and {kind: "failed", error} when anything else goes wrong.
// While loading: {kind: "progress", step: "runtime"|"packages"|"fastapi", done, total}.
// Any message starts the loading; they are answered one at a time, in the order they came.
//
// A second start in the same browser is twice as quick: the first keeps, in the browser's
// Cache Storage, a memory snapshot of the interpreter once it has imported the runner and the
// standard library FastAPI needs (runner.preload()), and the bytecode Python compiled while
// importing the wheels; the next restores the one and reads the other.
// Python here reaches JavaScript (`import js`): whatever the reader's code or a check runs, the
// worker's ways out (fetch, XMLHttpRequest, WebSocket, EventSource) reach this site alone.
const onThisSite = address => new URL(address, self.location.href).origin === self.location.origin
const siteFetch = self.fetch.bind(self)
self.fetch = (resource, options) => {
  const address = resource instanceof Request ? resource.url : String(resource)
  if (onThisSite(address)) return siteFetch(resource, options)
  return Promise.reject(new TypeError(`${address}: not on this site`))
}
const siteOpen = XMLHttpRequest.prototype.open
XMLHttpRequest.prototype.open = function open(method, address, ...rest) {
  if (!onThisSite(address)) throw new TypeError(`${address}: not on this site`)
  return siteOpen.call(this, method, address, ...rest)
}
for (const name of ["WebSocket", "EventSource"]) {
  const Original = self[name]
  self[name] = function (address, ...rest) {
    if (!onThisSite(address)) throw new TypeError(`${address}: not on this site`)
    return new Original(address, ...rest)
  }
}

const runtime = new URL("../runtime/", import.meta.url)
const interpreter = new URL("pyodide/", runtime)
const wheelFolder = new URL("wheels/", runtime)
const cachePrefix = "course-run "

const progress = (step, done, total) => postMessage({ kind: "progress", step, done, total })

async function fetched(name, as) {
  const response = await fetch(new URL(name, runtime))
  if (!response.ok) throw new Error(`${response.url}: ${response.status}`)
  return response[as]()
}

async function sha256(text) {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text))
  return Array.from(new Uint8Array(digest), byte => byte.toString(16).padStart(2, "0")).join("")
}

// What the last start kept with the same Pyodide, runner and wheels (nothing when `fresh`), and
// how to keep more; null where the browser has no Cache Storage (a page not served over HTTPS or
// from localhost).
async function keptFor(version, runnerSource, wheels, fresh) {
  if (!self.caches) return null
  const name = `${cachePrefix}${version} ${await sha256(runnerSource)} ${wheels.join(" ")}`
  for (const other of await caches.keys()) {
    if (other.startsWith(cachePrefix) && (other !== name || fresh)) await caches.delete(other)
  }
  const cache = await caches.open(name)
  // Kept gzipped: the snapshot is 31 MB of mostly empty memory, about 9 MB gzipped.
  const read = async key => {
    const found = await cache.match(key)
    const bytes = found?.body.pipeThrough(new DecompressionStream("gzip"))
    // What cannot be read back is as good as not kept, and kept again.
    return bytes && new Response(bytes).arrayBuffer().then(
      buffer => new Uint8Array(buffer),
      () => null,
    )
  }
  const [snapshot, bytecode] = await Promise.all([read("snapshot"), read("bytecode")])
  return {
    snapshot: snapshot && bytecode ? snapshot : null,
    bytecode,
    keep: (key, bytes) => {
      const gzipped = new Blob([bytes]).stream().pipeThrough(new CompressionStream("gzip"))
      return cache.put(key, new Response(gzipped))
    },
  }
}

async function boot(fresh = false) {
  const wheelList = fetched("wheels.json", "json")
  const runnerSource = fetched("runner.py", "text")
  progress("runtime", 0, 1)
  const { loadPyodide, version } = await import(new URL("pyodide.mjs", interpreter).href)
  const { wheels } = await wheelList
  // A browser that refuses its Cache Storage (private windows may) starts every time afresh.
  const kept = await keptFor(version, await runnerSource, wheels, fresh).catch(() => null)
  const restoring = Boolean(kept?.snapshot)
  let pyodide
  try {
    pyodide = await loadPyodide({
      indexURL: interpreter.href,
      lockFileURL: new URL("pyodide-lock.json", interpreter).href,
      // Where Pyodide would look for a package it does not have (its CDN by default).
      packageBaseUrl: wheelFolder.href,
      ...(restoring ? { _loadSnapshot: kept.snapshot } : { _makeSnapshot: Boolean(kept) }),
    })
  } catch (error) {
    if (!restoring) throw error
    return boot(true) // a snapshot this Pyodide cannot restore: start without it
  }
  if (!restoring) {
    pyodide.FS.writeFile("runner.py", await runnerSource) // in the working folder, on sys.path
    pyodide.pyimport("runner").preload()
  }
  const runner = pyodide.pyimport("runner") // restored with the snapshot, or just imported
  // Taken now, kept once the reader's first answers are out (see `whenIdle`).
  const snapshot = kept && !restoring ? pyodide.makeMemorySnapshot() : null
  progress("runtime", 1, 1)
  progress("packages", 0, wheels.length)
  await pyodide.loadPackage(
    wheels.map(name => new URL(name, wheelFolder).href),
    { messageCallback: () => {} },
  )
  progress("packages", wheels.length, wheels.length)
  runner.prepare()
  const sys = pyodide.pyimport("sys")
  if (restoring) {
    pyodide.unpackArchive(kept.bytecode, "zip", { extractDir: runner.SITE_PACKAGES })
  } else if (kept) {
    sys.dont_write_bytecode = false
  }
  // Every reader's app imports FastAPI and does what warm_up() does: done now, before the
  // reader presses Run, the first Run is quicker.
  progress("fastapi", 0, 1)
  pyodide.pyimport("fastapi")
  await runner.warm_up()
  sys.dont_write_bytecode = true
  progress("fastapi", 1, 1)
  if (snapshot) {
    whenIdle(async () => {
      const bytecode = runner.bytecode()
      await kept.keep("bytecode", bytecode.toJs())
      bytecode.destroy()
      await kept.keep("snapshot", snapshot)
    })
  }
  return answerer(pyodide, runner)
}

function answerer(pyodide, runner) {
  const dumps = pyodide.pyimport("json").dumps
  // Python's values as JSON, with None as null (Pyodide would make it undefined).
  const plain = async answer => {
    const value = await answer
    try {
      return JSON.parse(dumps(value))
    } finally {
      value.destroy()
    }
  }
  return {
    load: async () => ({ kind: "ready" }),
    run: async ({ source, filename }) => ({
      kind: "ran",
      ...(await plain(runner.load(source, filename))),
    }),
    // undefined, not null: Pyodide passes null to Python as jsnull, undefined as None.
    request: async ({ method, path, body }) => ({
      kind: "response",
      ...(await plain(runner.request(method, path, body ?? undefined))),
    }),
    check: async ({ source, filename, check }) => ({
      kind: "checked",
      ...(await plain(runner.check(source, filename, check))),
    }),
  }
}

let python = null
let queue = Promise.resolve()
let waiting = 0
let idleTask = null

// Work that would slow an answer is done once every message has been answered.
function whenIdle(task) {
  idleTask = task
}

async function answer(message) {
  python ||= boot()
  try {
    const handler = (await python)[message.kind]
    if (!handler) throw new Error(`unknown message kind: ${message.kind}`)
    postMessage({ id: message.id, ...(await handler(message)) })
  } catch (error) {
    // A Python exception's message is its whole traceback: its last line says what it was.
    const lines = String(error?.message ?? error).trim().split("\n")
    postMessage({ id: message.id, kind: "failed", error: lines.at(-1) })
  }
}

onmessage = ({ data }) => {
  waiting += 1
  queue = queue
    .then(() => answer(data))
    .then(() => {
      waiting -= 1
      const task = waiting === 0 && idleTask
      if (!task) return
      idleTask = null
      task().catch(error => console.warn("run-worker: nothing kept:", error))
    })
}
