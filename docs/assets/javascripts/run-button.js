// The Run button under each FastAPI sample the build marked runnable (`data-course-run` on its
// code block). Every page loads this file, so it stays small: the panel (run-panel.js), the
// worker and Python are fetched only once the reader shows intent, the pointer on a Run
// button or the focus on it, so a page weighs what it did and nothing leaves it before then.
// Without Web Workers or WebAssembly there is no button, and the lesson's text on running
// the sample locally stands. The words come in the page's language
// (overrides/partials/course/words-for-scripts.html).
(() => {
  if (typeof Worker !== "function" || typeof WebAssembly !== "object") return
  const words = JSON.parse(document.getElementById("course-words")?.textContent || "{}")
  const say = (key, values) =>
    words[key].replace(/\{(\w+)\}/g, (placeholder, name) => values[name] ?? placeholder)
  // Beside this file, wherever the site is published.
  const panelUrl = new URL("run-panel.js", document.currentScript.src).href
  let panel = null

  const loadPanel = () => {
    panel ||= import(panelUrl).catch(error => {
      panel = null // a later press tries again
      throw error
    })
    return panel
  }

  // The reader may press Run: start Python now, while their finger or key comes down.
  function intent() {
    loadPanel()
      .then(module => module.prepare())
      .catch(error => console.error("run:", error))
  }

  function add(block) {
    if (block.nextElementSibling?.classList.contains("course-run-bar")) return
    const button = document.createElement("button")
    button.type = "button"
    button.className = "md-button course-run-bar__open"
    button.textContent = say("run.open", { name: block.dataset.courseRunName })
    const failure = document.createElement("p")
    failure.className = "course-run-bar__failure"
    failure.setAttribute("role", "status")
    button.addEventListener("pointerenter", intent)
    button.addEventListener("focus", intent)
    button.addEventListener("click", () => {
      failure.textContent = ""
      loadPanel()
        .then(module => module.open(block, button))
        .catch(error => {
          failure.textContent = say("run.failed", { error: error.message })
        })
    })
    const bar = document.createElement("div")
    bar.className = "course-run-bar"
    bar.append(button, failure)
    block.after(bar)
  }

  document$.subscribe(() => document.querySelectorAll("[data-course-run]").forEach(add))
})()
