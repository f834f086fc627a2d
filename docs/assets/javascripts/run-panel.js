// The panel a Run button opens under its sample (run-button.js imports this module once the
// reader shows intent): the sample's whole file to edit, its app's routes to pick from, a
// request to send and its response, and for a checked exercise "Check my code".
// Python runs in one module worker for the page (run-worker.js, its protocol there), so the
// page never freezes; it stays loaded across samples and instant navigation, and Stop ends
// it: the next action starts a fresh one. Each panel runs its own code in it, again when
// another panel ran since. Every file fetched is the site's own. The words come in the page's
// language (overrides/partials/course/words-for-scripts.html).
const words = JSON.parse(document.getElementById("course-words")?.textContent || "{}")
const say = (key, values = {}) =>
  words[key].replace(/\{(\w+)\}/g, (placeholder, name) => values[name] ?? placeholder)

// This file is the site's assets/javascripts/run-panel.js: the site's root is two up,
// wherever the site is published and whichever page instant navigation shows.
const siteRoot = new URL("../../", import.meta.url)
const workerUrl = new URL("run-worker.js", import.meta.url)
const loadingSteps = ["runtime", "packages", "fastapi"]
const methods = ["GET", "POST", "PUT", "PATCH", "DELETE"]
const sendsBody = new Set(["POST", "PUT", "PATCH"])
const indentUnit = "    "

class Stopped extends Error {}

// Python in its worker: each message carries an id, which the worker's answer carries back.
const python = {
  worker: null,
  ready: null,
  loaded: false,
  nextId: 0,
  waiting: new Map(),
  lastProgress: null,
  watchers: new Set(),
  // Which panel's code the worker's app is, and which version of it.
  app: null,

  start() {
    if (this.worker) return this.ready
    const worker = new Worker(workerUrl, { type: "module" })
    this.worker = worker
    this.loaded = false
    this.lastProgress = null
    worker.addEventListener("message", ({ data }) => {
      if (worker === this.worker) this.receive(data)
    })
    // A worker that cannot start (its module failed to load) says little: the event's message.
    worker.addEventListener("error", event => {
      event.preventDefault()
      if (worker === this.worker) this.end(new Error(event.message || workerUrl.pathname))
    })
    this.ready = this.ask({ kind: "load" }).then(
      () => {
        this.loaded = true
      },
      error => {
        if (worker === this.worker) this.end(error)
        throw error
      },
    )
    return this.ready
  },

  ask(message) {
    const worker = this.worker
    const id = ++this.nextId
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject })
      worker.postMessage({ ...message, id })
    })
  },

  async call(message) {
    await this.start()
    return this.ask(message)
  },

  receive(message) {
    if (message.kind === "progress") {
      this.lastProgress = message
      this.watchers.forEach(watcher => watcher(message))
      return
    }
    const waiting = this.waiting.get(message.id)
    if (!waiting) return
    this.waiting.delete(message.id)
    if (message.kind === "failed") waiting.reject(new Error(message.error))
    else waiting.resolve(message)
  },

  // Ends the worker and everything it was asked: `reason` is what each asker is told.
  end(reason) {
    this.worker?.terminate()
    this.worker = null
    this.ready = null
    this.app = null
    this.lastProgress = null // the next worker starts from the first step
    for (const { reject } of this.waiting.values()) reject(reason)
    this.waiting.clear()
  },
}

export function prepare() {
  python.start().catch(() => {}) // said by the panel that waits on it, if any
}

// What the site serves at a path from its root, fetched once a page.
const fetched = new Map()
function fetchText(path) {
  const url = new URL(path, siteRoot)
  if (url.origin !== siteRoot.origin) return Promise.reject(new Error(path))
  if (!fetched.has(url.href)) {
    const text = fetch(url).then(response => {
      if (!response.ok) throw new Error(`${response.status} ${url.pathname}`)
      return response.text()
    })
    text.catch(() => fetched.delete(url.href))
    fetched.set(url.href, text)
  }
  return fetched.get(url.href)
}

function element(tag, properties = {}, ...children) {
  const created = Object.assign(document.createElement(tag), properties)
  created.append(...children)
  return created
}

function button(key, className = "") {
  return element("button", { type: "button", className: `md-button ${className}`.trim() }, words[key])
}

// A control with its label, and its description when it has one, above it.
function field(key, control, help = null, className = "") {
  const parts = [element("label", { htmlFor: control.id }, words[key])]
  if (help) {
    const description = element("p", { className: "course-run__help", id: `${control.id}-help` }, words[help])
    control.setAttribute("aria-describedby", description.id)
    parts.push(description)
  }
  return element("div", { className: `course-run__field ${className}`.trim() }, ...parts, control)
}

function caption(key, id = null) {
  const shown = element("p", { className: "course-run__caption" }, words[key])
  if (id) shown.id = id
  return shown
}

function preformatted(text) {
  return element("pre", {}, element("code", {}, text))
}

// A panel's title is its sample's, numbered when another sample the page shows has the same
// (a file shown in two parts, an exercise that starts from the lesson's file): the panels'
// landmarks must be told apart.
function titleOf(block) {
  const title = sample => sample.querySelector(".filename")?.textContent.trim() || sample.dataset.courseRunName
  const own = title(block)
  const same = [...document.querySelectorAll("[data-course-run]")].filter(
    other => title(other) === own && (other === block || other.getClientRects().length > 0),
  )
  return same.length > 1 ? `${own} (${same.indexOf(block) + 1})` : own
}

let panelCount = 0
const panels = new WeakMap()

export async function open(block, runButton) {
  let panel = panels.get(block)
  if (!panel) {
    const source = await fetchText(block.dataset.courseRun)
    panel = new Panel(block, runButton, source)
    panels.set(block, panel)
  }
  panel.show()
  panel.runAndSend()
}

class Panel {
  constructor(block, runButton, source) {
    this.block = block
    this.runButton = runButton
    this.sample = source
    this.filename = block.dataset.courseRunName
    this.exercise = block.closest("[data-course-check]")
    // Which code the app was last run from; a request runs it again if another panel ran since.
    this.ranSource = null
    this.filled = false
    this.queue = Promise.resolve()
    this.busy = 0
    // Bumped by Stop: what was queued before it is dropped.
    this.generation = 0
    this.stepShown = null
    this.onProgress = progress => this.showProgress(progress)
    this.build(titleOf(block))
  }

  build(title) {
    const id = `course-run-${++panelCount}`
    const heading = element("p", { className: "course-run__title", id: `${id}-title` })
    heading.textContent = say("run.panel", { name: title })
    const close = button("run.close")
    close.addEventListener("click", () => this.hide())

    this.code = element("textarea", {
      id: `${id}-code`,
      className: "course-run__code",
      spellcheck: false,
      autocomplete: "off",
      value: this.sample,
      rows: Math.min(Math.max(this.sample.split("\n").length, 6), 30),
    })
    this.code.setAttribute("wrap", "off")
    this.code.setAttribute("autocapitalize", "off")
    editable(this.code)

    this.again = button("run.again")
    this.again.addEventListener("click", () => this.runAndSend())
    const reset = button("run.reset")
    reset.addEventListener("click", () => {
      this.code.value = this.sample
      this.filled = false
      this.runAndSend()
    })
    const actions = element("div", { className: "course-run__actions" }, this.again, reset)
    if (this.exercise) {
      const check = button("run.check", "md-button--primary")
      check.addEventListener("click", () => this.act(() => this.check()))
      actions.append(check)
    }

    this.status = element("p", { className: "course-run__status", id: `${id}-status` })
    this.status.setAttribute("role", "status")
    this.progress = element("progress", { hidden: true, max: loadingSteps.length, value: 0 })
    this.progress.setAttribute("aria-labelledby", this.status.id)
    this.stop = button("run.stop")
    this.stop.hidden = true
    this.stop.addEventListener("click", () => this.halt())
    const state = element("div", { className: "course-run__state" }, this.status, this.progress, this.stop)

    this.results = element("div", { className: "course-run__results" })
    this.results.setAttribute("role", "status")

    // Named "Response" and the panel's title: two panels' regions are told apart.
    const responseCaption = caption("run.response", `${id}-response`)
    this.output = element("div", { className: "course-run__output" })
    const response = element("div", { className: "course-run__response" }, responseCaption, this.output)
    response.setAttribute("role", "region")
    response.setAttribute("aria-labelledby", `${responseCaption.id} ${heading.id}`)
    response.setAttribute("aria-live", "polite")

    this.panel = element(
      "section",
      { className: "course-run", id },
      element("div", { className: "course-run__head" }, heading, close),
      field("run.code", this.code, "run.code_help"),
      actions,
      state,
      this.results,
      this.buildRequest(id),
      response,
    )
    this.panel.setAttribute("aria-labelledby", heading.id)
    this.runButton.parentElement.after(this.panel)
  }

  // The request to send: the app's routes to pick from, its method, path and body.
  buildRequest(id) {
    const routesCaption = caption("run.routes", `${id}-routes`)
    this.routes = element("ul", { className: "course-run__routes" })
    this.routesGroup = element("div", { hidden: true }, routesCaption, this.routes)
    this.routesGroup.setAttribute("role", "group")
    this.routesGroup.setAttribute("aria-labelledby", routesCaption.id)

    this.method = element("select", { id: `${id}-method` })
    this.method.append(...methods.map(method => element("option", { value: method }, method)))
    this.method.addEventListener("change", () => this.showBody())
    this.path = element("input", { id: `${id}-path`, type: "text", spellcheck: false, autocomplete: "off" })
    this.path.setAttribute("autocapitalize", "off")
    this.body = element("textarea", { id: `${id}-body`, spellcheck: false, rows: 5 })
    this.bodyField = field("run.body", this.body, "run.body_help")
    const send = element("button", { type: "submit", className: "md-button md-button--primary" })
    send.textContent = words["run.send"]
    const request = element(
      "form",
      { className: "course-run__request", noValidate: true },
      element(
        "fieldset",
        {},
        element("legend", {}, words["run.request"]),
        this.routesGroup,
        element(
          "div",
          { className: "course-run__line" },
          field("run.method", this.method),
          field("run.path", this.path, null, "course-run__field--path"),
        ),
        this.bodyField,
        send,
      ),
    )
    request.addEventListener("submit", event => {
      event.preventDefault()
      this.act(() => this.send())
    })
    this.showBody()
    return request
  }

  show() {
    this.panel.hidden = false
  }

  hide() {
    this.panel.hidden = true
    this.runButton.focus()
  }

  // One action at a time, in the order the reader asked; Stop drops what waits.
  act(task) {
    const generation = this.generation
    this.busy += 1
    this.showBusy()
    this.queue = this.queue
      .then(async () => {
        if (generation !== this.generation) return
        try {
          await task()
        } catch (error) {
          if (generation === this.generation) this.fail(error)
        }
      })
      .finally(() => {
        this.busy -= 1
        this.showBusy()
      })
    return this.queue
  }

  runAndSend() {
    this.act(async () => {
      if (await this.run(this.code.value)) await this.send()
    })
  }

  halt() {
    this.generation += 1
    python.end(new Stopped())
    this.hideProgress()
    this.output.replaceChildren() // an earlier response is not what was stopped
    this.tell(words["run.stopped"])
    this.again.focus()
  }

  showBusy() {
    const busy = this.busy > 0
    if (!busy && document.activeElement === this.stop) this.again.focus()
    this.stop.hidden = !busy
  }

  tell(text) {
    this.status.textContent = text
  }

  fail(error) {
    this.hideProgress()
    // A response shown before is not the answer to what just failed.
    this.output.replaceChildren()
    const stopped = error instanceof Stopped
    this.tell(stopped ? words["run.stopped"] : say("run.failed", { error: error.message }))
  }

  async started() {
    if (python.loaded && python.worker) return
    python.watchers.add(this.onProgress)
    if (python.lastProgress) this.showProgress(python.lastProgress)
    try {
      await python.start()
    } finally {
      python.watchers.delete(this.onProgress)
      this.hideProgress()
    }
  }

  showProgress({ step, done, total }) {
    const number = loadingSteps.indexOf(step) + 1
    if (number === 0) return
    this.progress.hidden = false
    this.progress.value = number - 1 + (total > 0 ? Math.min(done / total, 1) : 0)
    // Said once a step, not at each of its parts.
    if (this.stepShown === step) return
    this.stepShown = step
    this.tell(say("run.loading", { step: words[`run.step_${step}`], number, steps: loadingSteps.length }))
  }

  hideProgress() {
    this.progress.hidden = true
    this.stepShown = null
  }

  // Runs `source` as the panel's app; says whether it started.
  async run(source) {
    await this.started()
    this.tell(say("run.running", { name: this.filename }))
    const ran = await python.call({ kind: "run", source, filename: this.filename })
    this.ranSource = source
    python.app = ran.ok ? { panel: this, source } : null
    if (!ran.ok) {
      this.showRoutes([])
      this.tell("")
      this.showError(ran.error || words["run.no_app"])
      return false
    }
    this.showRoutes(ran.routes)
    const asked = this.path.value.split("?")[0]
    const stillServed = ran.routes.some(
      route => route.method === this.method.value && routePattern(route.path).test(asked),
    )
    const served = JSON.stringify(ran.routes.map(route => [route.method, route.path]))
    const changed = served !== this.served
    this.served = served
    // The request is filled from the first route, and again when edited code no longer serves
    // the one in the fields (a path the reader typed to see a 404 stays for the same code).
    if ((!this.filled || (changed && !stillServed)) && ran.routes.length > 0) {
      this.pick(ran.routes[0])
      this.filled = true
    }
    this.tell(ran.routes.length > 0 ? "" : words["run.no_routes"])
    return ran.routes.length > 0
  }

  async send() {
    const current = python.app
    if (current?.panel !== this || current.source !== this.ranSource || !python.worker) {
      if (!(await this.run(this.ranSource ?? this.code.value))) return
    }
    const method = this.method.value
    const path = this.path.value.trim() || "/"
    this.tell(say("run.sending", { request: `${method} ${path}` }))
    const response = await python.call({
      kind: "request",
      method,
      path,
      body: sendsBody.has(method) ? this.body.value : null,
    })
    this.tell("")
    this.showResponse(response)
  }

  async check() {
    const check = await fetchText(this.exercise.dataset.courseCheck)
    await this.started()
    this.results.replaceChildren()
    // The check runs the code as it is now: a response to earlier code would mislead.
    this.output.replaceChildren()
    this.tell(say("run.running", { name: this.filename }))
    const source = this.code.value
    const checked = await python.call({ kind: "check", source, filename: this.filename, check })
    python.app = null // the worker's app is now the one the check loaded
    this.tell("")
    const { results, error, problem } = checked
    const passedCount = results.filter(result => result.passed).length
    const list = element(
      "ul",
      { className: "course-run__checks" },
      ...results.map(({ passed, words: said }) => {
        const item = element("li", { className: passed ? "course-run__passed" : "course-run__not-passed" })
        item.textContent = say(passed ? "run.passed" : "run.not_passed", { words: said })
        return item
      }),
    )
    const parts = []
    if (results.length > 0) {
      parts.push(element("p", {}, say("run.checked", { passed: passedCount, total: results.length })), list)
    }
    if (problem === "no_app") parts.push(element("p", {}, words["run.no_app"]))
    else if (error) parts.push(element("p", {}, words["run.check_error"]), preformatted(error))
    // Kept in the reader's progress by progress.js, which says in `saved` whether it could.
    const detail = {
      id: this.exercise.dataset.courseExercise,
      passed: !error && results.length > 0 && passedCount === results.length,
    }
    this.exercise.dispatchEvent(new CustomEvent("course:exercise-checked", { bubbles: true, detail }))
    if (detail.saved === false) parts.push(element("p", {}, words["progress.not_saved"]))
    this.results.replaceChildren(...parts)
  }

  showRoutes(routes) {
    this.routes.replaceChildren(
      ...routes.map(route => {
        const pick = element("button", { type: "button", className: "md-button course-run__route" })
        pick.textContent = `${route.method} ${route.path}`
        pick.addEventListener("click", () => this.pick(route))
        return element("li", {}, pick)
      }),
    )
    this.routesGroup.hidden = routes.length === 0
  }

  pick(route) {
    if (![...this.method.options].some(option => option.value === route.method)) {
      this.method.append(element("option", { value: route.method }, route.method))
    }
    this.method.value = route.method
    this.path.value = route.example_path
    this.body.value = route.example_body ?? ""
    this.showBody()
  }

  showBody() {
    this.bodyField.hidden = !sendsBody.has(this.method.value)
  }

  showResponse({ status, reason, headers, body }) {
    const line = element("p", { className: "course-run__status-line" }, `${status} ${reason}`)
    const list = element(
      "dl",
      { className: "course-run__headers" },
      ...headers.map(([name, value]) =>
        element("div", {}, element("dt", {}, name), element("dd", {}, value)),
      ),
    )
    this.output.replaceChildren(line, caption("run.headers"), list, preformatted(body))
  }

  showError(text) {
    const intro = element("p", { className: "course-run__status-line" }, words["run.code_error"])
    this.output.replaceChildren(intro, preformatted(text))
  }
}

// The paths a route's template matches: `/items/{item_id}` matches `/items/42`.
function routePattern(template) {
  const parts = template.split(/\{[^}]*\}/).map(part => part.replace(/[.*+?^$()|[\]\\]/g, "\\$&"))
  return new RegExp(`^${parts.join("[^/]+")}$`)
}

// A code area where Tab indents and Shift+Tab dedents the line or the lines selected, Enter
// keeps the indentation (one more after a colon), and Escape then Tab leaves it, as its
// description says. Edits go through the browser's own editing, so Undo undoes them.
function editable(area) {
  let escaped = false
  area.addEventListener("blur", () => {
    escaped = false
  })
  area.addEventListener("keydown", event => {
    if (["Shift", "Control", "Alt", "Meta"].includes(event.key)) return
    const leaving = escaped
    escaped = event.key === "Escape"
    if (event.ctrlKey || event.altKey || event.metaKey || event.isComposing) return
    if (event.key === "Tab" && !leaving) {
      event.preventDefault()
      if (event.shiftKey) dedent(area)
      else indent(area)
    } else if (event.key === "Enter" && !event.shiftKey) {
      event.preventDefault()
      newLine(area)
    }
  })
}

function replace(area, start, end, text, selectStart, selectEnd) {
  area.setSelectionRange(start, end)
  if (!document.execCommand("insertText", false, text)) {
    area.setRangeText(text, start, end)
    area.dispatchEvent(new Event("input", { bubbles: true }))
  }
  area.setSelectionRange(selectStart, selectEnd)
}

// The lines the selection touches: from the start of its first to the end of its last (a
// selection that ends at the start of a line leaves that line out).
function selectedLines(area) {
  const { value, selectionStart: start, selectionEnd: end } = area
  const first = value.lastIndexOf("\n", start - 1) + 1
  const last = end > start && value[end - 1] === "\n" ? end - 1 : end
  const close = value.indexOf("\n", last)
  return { first, close: close === -1 ? value.length : close, start, end }
}

function indent(area) {
  const { first, close, start, end } = selectedLines(area)
  const text = area.value.slice(first, close)
  if (start === end || !text.includes("\n")) {
    if (start !== end) {
      replace(area, first, close, indentUnit + text, start + indentUnit.length, end + indentUnit.length)
      return
    }
    const spaces = indentUnit.slice((start - first) % indentUnit.length)
    replace(area, start, start, spaces, start + spaces.length, start + spaces.length)
    return
  }
  const indented = text
    .split("\n")
    .map(line => (line ? indentUnit + line : line))
    .join("\n")
  replace(area, first, close, indented, first, first + indented.length)
}

function dedent(area) {
  const { first, close, start, end } = selectedLines(area)
  const lines = area.value.slice(first, close).split("\n")
  const removed = lines.map(line => Math.min(line.match(/^ */)[0].length, indentUnit.length))
  if (removed.every(count => count === 0)) return
  const dedented = lines.map((line, index) => line.slice(removed[index])).join("\n")
  if (lines.length === 1) {
    const caret = Math.max(first, start - removed[0])
    replace(area, first, close, dedented, caret, Math.max(caret, end - removed[0]))
  } else {
    replace(area, first, close, dedented, first, first + dedented.length)
  }
}

function newLine(area) {
  const { value, selectionStart: start, selectionEnd: end } = area
  const first = value.lastIndexOf("\n", start - 1) + 1
  const before = value.slice(first, start)
  let spaces = before.match(/^[ \t]*/)[0]
  if (before.trimEnd().endsWith(":")) spaces += indentUnit
  const text = `\n${spaces}`
  replace(area, start, end, text, start + text.length, start + text.length)
}
