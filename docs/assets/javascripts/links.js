// Marks the links that leave the site, so that print shows where they go (course.css): with
// instant navigation Material makes every link absolute, so CSS alone cannot tell them apart.
(() => {
  document$.subscribe(() => {
    document.querySelectorAll(".md-content a[href]").forEach(link => {
      const leaves = link.protocol.startsWith("http") && link.host !== location.host
      link.classList.toggle("course-external", leaves)
    })
  })
})()
