// Lesson progress, kept in this browser only: Material's __md_get/__md_set store it in
// localStorage under a key scoped to this site. No server, no cookies. Without JavaScript
// (or without storage) the controls stay hidden. Runs again after every instant navigation.
// The outline shows each lesson's check and its quiz score (quizzes.js keeps the answers);
// the home page's reset forgets both, after a confirmation.
(() => {
  const key = "course.completed"
  const quizKey = "course.quizzes"
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

  function answers() {
    try {
      return __md_get(quizKey) || {}
    } catch {
      return {}
    }
  }

  function showOutline(outline, done) {
    const lessons = [...outline.querySelectorAll("[data-course-lesson]")]
    const answered = answers()
    for (const lesson of lessons) {
      lesson.querySelector(".course-outline__done").hidden =
        !done.has(lesson.dataset.courseLesson)
      const quizzes = (lesson.dataset.courseQuizzes || "").split(" ").filter(Boolean)
      const tried = quizzes.filter(id => answered[id])
      const score = lesson.querySelector(".course-outline__score")
      if (!score) continue
      score.hidden = tried.length === 0
      score.textContent = words["progress.score"]
        .replace("{right}", quizzes.filter(id => answered[id]?.right).length)
        .replace("{total}", quizzes.length)
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

  function showReset(reset) {
    const button = reset.querySelector("button")
    const status = reset.querySelector("[role=status]")
    button.addEventListener("click", () => {
      if (!window.confirm(words["progress.reset_confirm"])) return
      __md_set(key, [])
      __md_set(quizKey, {})
      document.querySelectorAll(".course-outline").forEach(outline => showOutline(outline, new Set()))
      status.textContent = words["progress.reset_done"]
    })
    reset.hidden = false
  }

  document$.subscribe(() => {
    if (!storageWorks()) return
    const done = completed()
    document.querySelectorAll(".course-complete[hidden]").forEach(showLessonControl)
    document.querySelectorAll(".course-reset[hidden]").forEach(showReset)
    document.querySelectorAll(".course-outline").forEach(outline => showOutline(outline, done))
  })
})()
