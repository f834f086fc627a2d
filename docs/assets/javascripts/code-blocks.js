// What Material's content lacks for keyboard and screen-reader users. The words come in the
// page's language (overrides/partials/course/words-for-scripts.html).
// - Material wraps each code block's buttons (copy, and so on) in an unnamed <nav>. A page
//   with several code blocks then has several navigation landmarks with the same (empty)
//   name, which screen-reader users cannot tell apart (axe: landmark-unique). Name each one.
// - A region that scrolls sideways (a wide table in Material's frame, a diagram wider than
//   its column, course.css) takes the keyboard's focus while it scrolls, so that the arrow
//   keys scroll it, and is named by its table's caption or its diagram's title. A frame
//   that fits is no stop for the Tab key. Sizes change after load (a diagram drawn, a
//   phone turned, a block opened): each frame is checked again whenever it or what it
//   holds resizes.
(() => {
  const words = JSON.parse(document.getElementById("course-words")?.textContent || "{}")
  const say = (key, values) =>
    words[key].replace(/\{(\w+)\}/g, (placeholder, name) => values[name] ?? placeholder)

  function nameCodeBlocks() {
    document.querySelectorAll("nav.md-code__nav").forEach((nav, index) => {
      const title = nav.closest(".highlight")?.querySelector(".filename")?.textContent
      const number = index + 1
      nav.setAttribute(
        "aria-label",
        title ? say("code_block.titled", { number, title }) : say("code_block.name", { number }),
      )
    })
  }

  const frames = ".md-typeset__scrollwrap, .course-diagram__frame"

  function scrolls(frame) {
    const style = getComputedStyle(frame)
    const across = style.overflowX !== "hidden" && frame.scrollWidth > frame.clientWidth
    const down = style.overflowY !== "hidden" && frame.scrollHeight > frame.clientHeight
    return across || down
  }

  // A table's caption names it already (aria-labelledby); a diagram by its title.
  function name(frame) {
    const table = frame.querySelector("table")
    const caption = table?.getAttribute("aria-labelledby") || table?.querySelector("caption")?.id
    if (caption) return { labelledby: caption }
    const title = frame.querySelector("svg title")?.textContent.trim()
    if (title) return { label: title }
    return { label: words[table ? "scroll.table" : "scroll.diagram"] }
  }

  function follow(frame) {
    if (scrolls(frame)) {
      const { label, labelledby } = name(frame)
      frame.tabIndex = 0
      frame.setAttribute("role", "region")
      if (labelledby) frame.setAttribute("aria-labelledby", labelledby)
      else frame.setAttribute("aria-label", label)
    } else {
      for (const attribute of ["tabindex", "role", "aria-label", "aria-labelledby"]) {
        frame.removeAttribute(attribute)
      }
    }
  }

  const resized = new ResizeObserver(entries => {
    new Set(entries.map(entry => entry.target.closest(frames))).forEach(follow)
  })

  function watch(frame) {
    if (frame.dataset.courseWatched) return
    frame.dataset.courseWatched = "true"
    resized.observe(frame)
    for (const content of frame.querySelectorAll(":scope > *, table")) {
      resized.observe(content)
    }
  }

  // Material wraps a page's tables as it shows the page, after instant navigation too.
  new MutationObserver(() => document.querySelectorAll(frames).forEach(watch)).observe(
    document.body,
    { childList: true, subtree: true },
  )

  document$.subscribe(() => {
    nameCodeBlocks()
    document.querySelectorAll(frames).forEach(watch)
  })
})()
