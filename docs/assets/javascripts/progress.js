// Lesson progress, kept in this browser only: Material's __md_get/__md_set store it in
// localStorage under a key scoped to this site. No server, no cookies. Without JavaScript
// (or without storage) the controls stay hidden. Runs again after every instant navigation.
(() => {
  const key = "course.completed"
  // The page's words, in its language (overrides/partials/course/words-for-scripts.html).
  const words = JSON.parse(document.getElementById("course-words")?.textContent || "{}")

  function completed() {
    try {
      return new Set(__md_get(key) || [])
    } catch {
      return new Set()
    }
  }

  function showLessonControl(control) {
    const lesson = control.dataset.courseLesson
    const button = control.querySelector("button")
    const status = control.querySelector("[role=status]")
    const show = done => button.setAttribute("aria-pressed", String(done.has(lesson)))
    button.addEventListener("click", () => {
      const done = completed()
      if (done.has(lesson)) done.delete(lesson)
      else done.add(lesson)
      __md_set(key, [...done])
      show(done)
      status.textContent = done.has(lesson)
        ? words["complete.marked"]
        : words["complete.unmarked"]
    })
    show(completed())
    control.hidden = false
  }

  function showOutline(outline, done) {
    const lessons = [...outline.querySelectorAll("[data-course-lesson]")]
    for (const lesson of lessons) {
      lesson.querySelector(".course-outline__done").hidden =
        !done.has(lesson.dataset.courseLesson)
    }
    const progress = outline.querySelector("[data-course-total]")
    if (progress) {
      progress.querySelector("[data-course-done]").textContent =
        lessons.filter(lesson => done.has(lesson.dataset.courseLesson)).length
      progress.hidden = false
    }
  }

  function storageWorks() {
    try {
      __md_set("course.probe", true)
      return __md_get("course.probe") === true
    } catch {
      return false
    }
  }

  document$.subscribe(() => {
    if (!storageWorks()) return
    const done = completed()
    document.querySelectorAll(".course-complete[hidden]").forEach(showLessonControl)
    document.querySelectorAll(".course-outline").forEach(outline => showOutline(outline, done))
  })
})()
