// Renders the Mermaid diagrams that mkdocs-mermaid2 writes as <div class="mermaid">, on the
// first page and after every instant navigation (where mermaid2's own script does not run
// again), in the colours of the current scheme, and again when the reader switches scheme.
// Mermaid is imported only on pages that have a diagram; "mermaid" is named by the import
// map in overrides/partials/mermaid-importmap.html.
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

  async function render(diagrams) {
    if (diagrams.length === 0) return
    mermaid ||= (await import("mermaid")).default
    for (const diagram of diagrams) {
      diagram.dataset.source ||= diagram.textContent
    }
    mermaid.initialize({ startOnLoad: false, ...settings() })
    await mermaid.run({ nodes: diagrams })
  }

  function redraw() {
    const diagrams = [...document.querySelectorAll(`${selector}[data-processed]`)]
    for (const diagram of diagrams) {
      diagram.removeAttribute("data-processed")
      diagram.textContent = diagram.dataset.source
    }
    render(diagrams)
  }

  document$.subscribe(() => {
    render([...document.querySelectorAll(`${selector}:not([data-processed])`)])
  })
  new MutationObserver(redraw).observe(document.body, {
    attributes: true,
    attributeFilter: ["data-md-color-scheme"],
  })
})()
