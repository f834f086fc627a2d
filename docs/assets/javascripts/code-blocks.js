// Material wraps each code block's buttons (copy, and so on) in an unnamed <nav>. A page with
// several code blocks then has several navigation landmarks with the same (empty) name,
// which screen-reader users cannot tell apart (axe: landmark-unique). Name each one.
(() => {
  document$.subscribe(() => {
    document.querySelectorAll("nav.md-code__nav").forEach((nav, index) => {
      const title = nav.closest(".highlight")?.querySelector(".filename")?.textContent
      nav.setAttribute("aria-label", `Code block ${index + 1}${title ? `: ${title}` : ""}`)
    })
  })
})()
