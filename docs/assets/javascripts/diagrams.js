// Renders the Mermaid diagrams that mkdocs-mermaid2 writes as <div class="mermaid">:
// - only as a diagram nears the viewport, so a page's load is never blocked by Mermaid, and
//   a diagram in a collapsed block is drawn when the block opens (it becomes visible then);
// - after instant navigation too, where mermaid2's own script does not run again;
// - in the colours of the current scheme, and again when the reader switches scheme.
// Mermaid is imported only when a page's diagram nears the viewport; "mermaid" and
// "mermaid-deferred" are named by the import map in overrides/partials/mermaid-importmap.html.
(() => {
  const selector = "div.mermaid"
  let mermaid

  function settings() {
    const dark = document.body.getAttribute("data-md-color-scheme") === "slate"
    // Mermaid's dark edge labels sit on #585858, too light for their text (axe).
    return dark
      ? { theme: "dark", themeVariables: { edgeLabelBackground: "#3a3a3a" } }
      : { theme: "default" }
  }

  // Instant navigation can replace the page while Mermaid draws; a failure for diagrams
  // that are no longer on the page is expected, any other is reported.
  function render(diagrams) {
    draw(diagrams).catch(error => {
      if (diagrams.some(diagram => diagram.isConnected)) console.error("diagram:", error)
    })
  }

  async function draw(diagrams) {
    if (diagrams.length === 0) return
    mermaid ||= (await import("mermaid")).default
    const { pluginArguments } = await import("mermaid-deferred")
    for (const diagram of diagrams) {
      diagram.dataset.source ||= diagram.textContent
    }
    // Mermaid's own error drawing is a bomb icon; a diagram it cannot draw shows its
    // message instead (the test suite keeps such a diagram from being published).
    mermaid.initialize({
      ...pluginArguments,
      startOnLoad: false,
      suppressErrorRendering: true,
      ...settings(),
    })
    for (const diagram of diagrams) {
      try {
        await mermaid.run({ nodes: [diagram] })
      } catch (error) {
        if (diagram.isConnected) showError(diagram, error)
      }
    }
  }

  // The page's words, in its language (overrides/partials/course/words-for-scripts.html).
  const words = JSON.parse(document.getElementById("course-words")?.textContent || "{}")

  function showError(diagram, error) {
    const box = document.createElement("div")
    box.className = "course-diagram-error"
    const title = document.createElement("p")
    title.textContent = words["diagram.error"]
    const message = document.createElement("pre")
    message.textContent = String(error?.message || error)
    box.append(title, message)
    diagram.replaceChildren(box)
    diagram.dataset.processed = "true"
  }

  const nearViewport = new IntersectionObserver(
    entries => {
      const visible = entries.filter(entry => entry.isIntersecting).map(entry => entry.target)
      visible.forEach(diagram => nearViewport.unobserve(diagram))
      render(visible)
    },
    { rootMargin: "400px 0px" },
  )

  function redraw() {
    const diagrams = [...document.querySelectorAll(`${selector}[data-processed]`)]
    for (const diagram of diagrams) {
      diagram.removeAttribute("data-processed")
      diagram.textContent = diagram.dataset.source
    }
    render(diagrams)
  }

  document$.subscribe(() => {
    nearViewport.disconnect()
    document.querySelectorAll(`${selector}:not([data-processed])`).forEach(diagram => {
      nearViewport.observe(diagram)
    })
  })
  new MutationObserver(redraw).observe(document.body, {
    attributes: true,
    attributeFilter: ["data-md-color-scheme"],
  })
})()
