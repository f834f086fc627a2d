// Marks the links that leave the site, so that print shows where they go (course.css): with
// instant navigation Material makes every link absolute, so CSS alone cannot tell them apart.
// And on a narrow screen, shows the navigation's links as the keyboard reaches them.
(() => {
  document$.subscribe(() => {
    document.querySelectorAll(".md-content a[href]").forEach(link => {
      const leaves = link.protocol.startsWith("http") && link.host !== location.host
      link.classList.toggle("course-external", leaves)
    })
  })

  // Below this width Material's navigation is a drawer, off the screen while closed, and
  // each section's links are a panel that slides over its parent's. The links still take
  // the focus, where no one sees them: so the drawer is open while the focus is in it, and
  // the panels open are those around the focus (the one the reader sees is the one it is in).
  const drawerWidths = matchMedia("(max-width: 76.234375em)")

  function setToggle(toggle, checked) {
    if (!toggle || toggle.checked === checked) return
    toggle.checked = checked
    toggle.dispatchEvent(new Event("change"))
  }

  document.addEventListener("focusin", event => {
    if (!drawerWidths.matches || !(event.target instanceof Element)) return
    const drawer = document.getElementById("__drawer")
    const sidebar = event.target.closest(".md-sidebar--primary")
    if (!sidebar) {
      // The focus left the drawer (it was open for the keyboard, or tapped open and left).
      setToggle(drawer, false)
      return
    }
    setToggle(drawer, true)
    sidebar.querySelectorAll(".md-nav__toggle").forEach(toggle => {
      const panel = toggle.parentElement.querySelector(":scope > .md-nav")
      if (panel) setToggle(toggle, panel.contains(event.target))
    })
    // Focused while its panel was still aside, the link had the drawer's clipped boxes
    // scrolled sideways to show it there; the panel slides in by itself, nothing scrolls.
    for (let box = event.target.parentElement; box && box !== sidebar.parentElement; box = box.parentElement) {
      box.scrollLeft = 0
    }
  })
})()
