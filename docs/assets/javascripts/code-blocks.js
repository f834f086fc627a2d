// Material wraps each code block's buttons (copy, and so on) in an unnamed <nav>. A page with
// several code blocks then has several navigation landmarks with the same (empty) name,
// which screen-reader users cannot tell apart (axe: landmark-unique). Name each one.
// The words come in the page's language (overrides/partials/course/words-for-scripts.html).
(() => {
  const words = JSON.parse(document.getElementById("course-words")?.textContent || "{}")
  const say = (key, values) =>
    words[key].replace(/\{(\w+)\}/g, (placeholder, name) => values[name] ?? placeholder)

  document$.subscribe(() => {
    document.querySelectorAll("nav.md-code__nav").forEach((nav, index) => {
      const title = nav.closest(".highlight")?.querySelector(".filename")?.textContent
      const number = index + 1
      nav.setAttribute(
        "aria-label",
        title ? say("code_block.titled", { number, title }) : say("code_block.name", { number }),
      )
    })
  })
})()
