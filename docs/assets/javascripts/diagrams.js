// Draws the Mermaid diagrams that mkdocs-mermaid2 writes as <div class="mermaid"> (inside the
// course's .course-diagram, overrides/partials/course/diagram.html):
// - first as a diagram nears the viewport, so a page's load is never blocked by Mermaid, and
//   a diagram in a collapsed block is drawn when the block opens (it becomes visible then);
// - then every other diagram of the page, a few seconds after load, so that printing (which
//   waits for nothing) finds them drawn; in the dark scheme also a light copy for print;
// - after instant navigation too, where mermaid2's own script does not run again;
// - in the colours of the current scheme, and again when the reader switches scheme;
// - at a readable size: labels never under 12 CSS px; a diagram wider than its column
//   scrolls sideways in its frame (code-blocks.js lets the keyboard reach it), and a button
//   opens it full screen, fitted to the screen, to zoom and pan;
// - and a diagram that cannot be drawn says so, and shows its description instead.
// Mermaid is imported only when a page has a diagram; "mermaid" and "mermaid-deferred" are
// named by the import map in overrides/partials/mermaid-importmap.html. The words come in
// the page's language (overrides/partials/course/words-for-scripts.html).
(() => {
  const selector = ".course-diagram div.mermaid"
  const smallestLabel = 12
  const words = JSON.parse(document.getElementById("course-words")?.textContent || "{}")
  let mermaid
  let drawing = Promise.resolve()
  let renders = 0

  const dark = () => document.body.getAttribute("data-md-color-scheme") === "slate"

  // Mermaid's dark edge labels sit on #585858, too light for their text (axe).
  function settings(inDark) {
    return inDark
      ? { theme: "dark", themeVariables: { edgeLabelBackground: "#3a3a3a" } }
      : { theme: "default" }
  }

  async function load() {
    mermaid ||= (await import("mermaid")).default
    const { pluginArguments } = await import("mermaid-deferred")
    return pluginArguments
  }

  // One drawing at a time: mermaid.initialize() is global, and light copies switch it.
  function render(diagrams) {
    drawing = drawing.then(() => draw(diagrams)).catch(error => {
      if (diagrams.some(diagram => diagram.isConnected)) console.error("diagram:", error)
    })
    return drawing
  }

  // The diagram's Mermaid source as the author wrote it. mermaid2 writes it unescaped, so a
  // `<br>` in a label is an element of the page: the text alone would lose the line break.
  function sourceOf(diagram) {
    return [...diagram.childNodes]
      .map(node => (node.nodeType === Node.ELEMENT_NODE ? node.outerHTML : node.textContent))
      .join("")
  }

  // Mermaid's own error drawing is a bomb icon; a diagram it cannot draw shows its
  // message instead (the test suite keeps such a diagram from being published).
  function configure(pluginArguments, inDark) {
    mermaid.initialize({
      ...pluginArguments,
      startOnLoad: false,
      suppressErrorRendering: true,
      ...settings(inDark),
    })
  }

  async function draw(diagrams) {
    diagrams = diagrams.filter(diagram => diagram.isConnected && !diagram.dataset.processed)
    if (diagrams.length === 0) return
    for (const diagram of diagrams) {
      diagram.dataset.source ||= sourceOf(diagram)
    }
    let pluginArguments
    try {
      pluginArguments = await load()
    } catch (error) {
      console.error("diagram:", error)
      diagrams.forEach(diagram => showError(diagram, null))
      return
    }
    const inDark = dark()
    configure(pluginArguments, inDark)
    for (const diagram of diagrams) {
      try {
        await mermaid.run({ nodes: [diagram] })
        drawn(diagram)
      } catch (error) {
        if (diagram.isConnected) showError(diagram, error)
      }
    }
    if (inDark) {
      configure(pluginArguments, false)
      for (const diagram of diagrams) await printCopy(diagram)
      configure(pluginArguments, true)
    }
  }

  // Mermaid marks a diagram processed when it starts; this says when it is done.
  function drawn(diagram) {
    diagram.dataset.courseDone = "drawn"
    const figure = diagram.closest(".course-diagram")
    if (!figure || !diagram.querySelector("svg")) return
    figure.classList.add("course-diagram--drawn")
    figure.classList.remove("course-diagram--failed")
    fit(diagram)
    if (!figure.querySelector(".course-diagram__open")) figure.append(openButton(diagram))
  }

  // Print is light whatever the screen's scheme: a light copy, shown only on paper.
  async function printCopy(diagram) {
    const figure = diagram.closest(".course-diagram")
    if (!figure?.classList.contains("course-diagram--drawn")) return
    const { svg } = await mermaid.render(`course-print-${++renders}`, diagram.dataset.source)
    figure.querySelector(".course-diagram__print")?.remove()
    const copy = document.createElement("div")
    copy.className = "course-diagram__print"
    copy.hidden = true
    copy.innerHTML = svg
    figure.append(copy)
  }

  // Mermaid's message when it could not read the source; when Mermaid itself could not be
  // loaded (`error` null), the words say so. Either way the description is shown (course.css).
  function showError(diagram, error) {
    const box = document.createElement("div")
    box.className = "course-diagram-error"
    const title = document.createElement("p")
    title.textContent = words[error ? "diagram.error" : "diagram.not_loaded"]
    box.append(title)
    if (error) {
      const message = document.createElement("pre")
      message.textContent = String(error?.message || error)
      box.append(message)
    }
    diagram.replaceChildren(box)
    diagram.dataset.processed = "true"
    diagram.dataset.courseDone = "error"
    diagram.closest(".course-diagram")?.classList.add("course-diagram--failed")
  }

  // -- a readable size --------------------------------------------------------------------
  function smallestFont(svg) {
    const sizes = [...svg.querySelectorAll("text, foreignObject span, foreignObject p")]
      .filter(label => label.textContent.trim())
      .map(label => parseFloat(getComputedStyle(label).fontSize))
      .filter(size => size > 0)
    return sizes.length ? Math.min(...sizes) : 16
  }

  function fit(diagram) {
    const svg = diagram.querySelector("svg")
    const frame = diagram.closest(".course-diagram__frame")
    const natural = svg?.viewBox?.baseVal?.width
    if (!svg || !frame || !natural) return
    const readable = smallestLabel / smallestFont(svg)
    const scale = Math.min(1, Math.max(frame.clientWidth / natural, readable))
    svg.style.maxWidth = "none"
    svg.style.width = `${Math.ceil(natural * scale)}px`
    svg.style.height = "auto"
    svg.style.setProperty("--course-natural-width", `${Math.ceil(natural)}px`)
  }

  // A diagram in a collapsed block was fitted to no width: fit it again when it opens.
  document.addEventListener(
    "toggle",
    event => event.target.querySelectorAll?.(`${selector}[data-processed]`).forEach(fit),
    true,
  )

  let refitting = false
  window.addEventListener("resize", () => {
    if (refitting) return
    refitting = true
    requestAnimationFrame(() => {
      refitting = false
      document.querySelectorAll(`${selector}[data-processed]`).forEach(fit)
    })
  })

  // -- full screen --------------------------------------------------------------------------
  function openButton(diagram) {
    const button = document.createElement("button")
    button.type = "button"
    button.className = "md-button course-diagram__open"
    button.textContent = words["diagram.open"]
    button.addEventListener("click", () => openViewer(diagram, button))
    return button
  }

  // The drawing in the stage: moved by (x, y) and scaled from its top left corner. `fitted`
  // is the scale at which the whole drawing fits the stage; `moved`, whether the reader has
  // zoomed or panned since it was fitted.
  const view = { scale: 1, x: 0, y: 0, fitted: 1, moved: false }

  function apply(stage) {
    const svg = stage.querySelector("svg")
    if (!svg) return
    // Never lost: at least half the drawing, or half the stage, stays in view.
    const box = svg.viewBox.baseVal
    const [width, height] = [box.width * view.scale, box.height * view.scale]
    const [keepX, keepY] = [Math.min(width, stage.clientWidth) / 2, Math.min(height, stage.clientHeight) / 2]
    view.x = Math.min(stage.clientWidth - keepX, Math.max(keepX - width, view.x))
    view.y = Math.min(stage.clientHeight - keepY, Math.max(keepY - height, view.y))
    svg.style.transform = `translate(${view.x}px, ${view.y}px) scale(${view.scale})`
  }

  // The scale at which the whole drawing fits the stage; never larger than its natural size.
  function fittedScale(stage) {
    const box = stage.querySelector("svg")?.viewBox.baseVal
    if (!box?.width || !box.height || !stage.clientWidth || !stage.clientHeight) return null
    return Math.min(1, stage.clientWidth / box.width, stage.clientHeight / box.height)
  }

  // The whole drawing, centred.
  function fitView(stage) {
    const scale = fittedScale(stage)
    if (!scale) return
    const box = stage.querySelector("svg").viewBox.baseVal
    Object.assign(view, {
      scale,
      fitted: scale,
      moved: false,
      x: (stage.clientWidth - box.width * scale) / 2,
      y: (stage.clientHeight - box.height * scale) / 2,
    })
    apply(stage)
  }

  // The stage changed size (the phone turned, the window was resized): a view the reader
  // left as it was fitted is fitted again; one zoomed or panned stays as it is, in sight.
  function stageResized(stage) {
    if (!stage.closest("dialog")?.open) return
    if (!view.moved) return fitView(stage)
    view.fitted = fittedScale(stage) ?? view.fitted
    apply(stage)
  }

  // Zooms by `factor` around `at` (stage coordinates; the stage's centre by default): the
  // point of the drawing there stays there.
  function zoom(stage, factor, at) {
    const point = at || { x: stage.clientWidth / 2, y: stage.clientHeight / 2 }
    const scale = Math.min(8, Math.max(view.fitted / 2, view.scale * factor))
    view.x = point.x - ((point.x - view.x) * scale) / view.scale
    view.y = point.y - ((point.y - view.y) * scale) / view.scale
    view.scale = scale
    view.moved = true
    apply(stage)
  }

  function openViewer(diagram, button) {
    const dialog = document.querySelector("dialog.course-viewer")
    if (!dialog) return
    const stage = dialog.querySelector(".course-viewer__stage")
    // In the queue of drawings: it sets Mermaid's colours for its own drawing.
    drawing = drawing.then(async () => {
      configure(await load(), dark())
      const { svg } = await mermaid.render(`course-view-${++renders}`, diagram.dataset.source)
      stage.innerHTML = svg
      const drawn = stage.querySelector("svg")
      drawn.removeAttribute("style")
      drawn.style.width = `${drawn.viewBox.baseVal.width}px`
      const title = dialog.querySelector(".course-viewer__title")
      title.textContent = drawn.querySelector("title")?.textContent || ""
      title.title = title.textContent // the whole title, where the bar cuts it short
      dialog.addEventListener("close", () => button.focus(), { once: true })
      dialog.showModal()
      fitView(stage)
      stage.focus()
    }).catch(error => console.error("diagram:", error))
  }

  function setUpViewer(dialog) {
    if (dialog.dataset.ready) return
    dialog.dataset.ready = "true"
    const stage = dialog.querySelector(".course-viewer__stage")
    new ResizeObserver(() => stageResized(stage)).observe(stage)
    const step = 48
    const stagePoint = event => {
      const box = stage.getBoundingClientRect()
      return { x: event.clientX - box.left, y: event.clientY - box.top }
    }
    dialog.querySelector("[data-zoom=in]").addEventListener("click", () => zoom(stage, 1.25))
    dialog.querySelector("[data-zoom=out]").addEventListener("click", () => zoom(stage, 0.8))
    dialog.querySelector("[data-zoom=reset]").addEventListener("click", () => fitView(stage))
    dialog.querySelector("[data-close]").addEventListener("click", () => dialog.close())
    stage.addEventListener("keydown", event => {
      const moves = { ArrowLeft: [step, 0], ArrowRight: [-step, 0], ArrowUp: [0, step], ArrowDown: [0, -step] }
      if (event.key in moves) {
        view.x += moves[event.key][0]
        view.y += moves[event.key][1]
        view.moved = true
        apply(stage)
      } else if (event.key === "+" || event.key === "=") zoom(stage, 1.25)
      else if (event.key === "-") zoom(stage, 0.8)
      else if (event.key === "0") fitView(stage)
      else return
      event.preventDefault()
    })
    stage.addEventListener("wheel", event => {
      event.preventDefault()
      zoom(stage, event.deltaY < 0 ? 1.1 : 0.9, stagePoint(event))
    }, { passive: false })
    // Drag with one finger or the mouse to pan; pinch with two fingers to zoom around the
    // point between them, which follows the fingers as they move.
    const pointers = new Map()
    let pinch = null
    const fingers = () => {
      const [a, b] = [...pointers.values()]
      return { middle: { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 }, distance: Math.hypot(a.x - b.x, a.y - b.y) }
    }
    stage.addEventListener("pointerdown", event => {
      stage.setPointerCapture(event.pointerId)
      pointers.set(event.pointerId, stagePoint(event))
      pinch = pointers.size === 2 ? fingers() : null
    })
    stage.addEventListener("pointermove", event => {
      const last = pointers.get(event.pointerId)
      if (!last) return
      const now = stagePoint(event)
      pointers.set(event.pointerId, now)
      if (pointers.size === 1) {
        view.x += now.x - last.x
        view.y += now.y - last.y
        view.moved = true
        apply(stage)
      } else if (pinch) {
        const { middle, distance } = fingers()
        view.x += middle.x - pinch.middle.x
        view.y += middle.y - pinch.middle.y
        view.moved = true
        if (pinch.distance > 0) zoom(stage, distance / pinch.distance, middle)
        else apply(stage)
        pinch = { middle, distance }
      }
    })
    const release = event => {
      pointers.delete(event.pointerId)
      pinch = pointers.size === 2 ? fingers() : null
    }
    stage.addEventListener("pointerup", release)
    stage.addEventListener("pointercancel", release)
  }

  // -- when to draw -------------------------------------------------------------------------
  const nearViewport = new IntersectionObserver(
    entries => {
      const visible = entries.filter(entry => entry.isIntersecting).map(entry => entry.target)
      visible.forEach(diagram => nearViewport.unobserve(diagram))
      render(visible)
    },
    { rootMargin: "400px 0px" },
  )

  // The rest, a few seconds after the page has loaded and once it is idle: what is printed
  // must already be drawn (print runs no script to the end), and the reader's first seconds
  // on the page are not slowed by it. Printing before then prints the diagrams' accessible
  // name and description (course.css), and draws them for the next print.
  const settleMs = window.courseDiagramSettleMs ?? 5000 // the tests shorten it
  const rest = () => render([...document.querySelectorAll(`${selector}:not([data-processed])`)])
  window.addEventListener("beforeprint", rest)
  function drawTheRestWhenIdle() {
    setTimeout(() => {
      if ("requestIdleCallback" in window) requestIdleCallback(rest, { timeout: 3000 })
      else rest()
    }, settleMs)
  }

  function redraw() {
    const diagrams = [...document.querySelectorAll(`${selector}[data-processed]`)]
    for (const diagram of diagrams) {
      diagram.removeAttribute("data-processed")
      delete diagram.dataset.courseDone
      diagram.textContent = diagram.dataset.source
      diagram.closest(".course-diagram")?.querySelector(".course-diagram__print")?.remove()
    }
    render(diagrams)
  }

  document$.subscribe(() => {
    nearViewport.disconnect()
    const diagrams = document.querySelectorAll(`${selector}:not([data-processed])`)
    if (diagrams.length === 0) return
    diagrams.forEach(diagram => nearViewport.observe(diagram))
    document.querySelectorAll("dialog.course-viewer").forEach(setUpViewer)
    if (document.readyState === "complete") drawTheRestWhenIdle()
    else window.addEventListener("load", drawTheRestWhenIdle, { once: true })
  })
  new MutationObserver(redraw).observe(document.body, {
    attributes: true,
    attributeFilter: ["data-md-color-scheme"],
  })
})()
