// Lesson progress, kept in this browser only: Material's __md_get/__md_set store it in
// localStorage under a key scoped to this site. No server, no cookies. Without JavaScript
// (or without storage) the controls stay hidden. Runs again after every instant navigation.
// The outline shows each lesson's check and its score: its quizzes (quizzes.js keeps the
// answers, through this file's courseProgress) and its checked exercises (the reader's
// code checked in the page: the run panel says each result with a `course:exercise-checked`
// event, which this file keeps); the home page's reset forgets them all, after a
// confirmation.
// - What is stored may be anything (an older version of the course, a hand edit, another
//   site's script): only what has the expected shape is read, the rest is as if never stored.
// - Storage may be full or turned off: what is not saved is said so, never claimed as done.
// - Another tab of the site may change it: every control and outline follows (`storage`
//   events), and a click acts on what is stored at that moment.
(() => {
  const completedKey = "course.completed"
  const quizKey = "course.quizzes"
  const exerciseKey = "course.exercises"
  // The page's words, in its language (overrides/partials/course/words-for-scripts.html).
  const words = JSON.parse(document.getElementById("course-words")?.textContent || "{}")

  function read(key) {
    try {
      return __md_get(key)
    } catch {
      return null
    }
  }

  // Saves, and says whether it was saved: Material's __md_set is silent when it fails.
  function save(key, value) {
    try {
      __md_set(key, value)
      return JSON.stringify(__md_get(key)) === JSON.stringify(value)
    } catch {
      return false
    }
  }

  function completed() {
    const stored = read(completedKey)
    return new Set(Array.isArray(stored) ? stored.filter(lesson => typeof lesson === "string") : [])
  }

  // A quiz's answer: the options chosen, by their text (which stays right when the author
  // reorders them), and whether they were the right ones.
  function isAnswer(answer) {
    return (
      typeof answer === "object" &&
      answer !== null &&
      Array.isArray(answer.chosen) &&
      answer.chosen.length > 0 &&
      answer.chosen.every(option => typeof option === "string") &&
      typeof answer.right === "boolean"
    )
  }

  function answers() {
    const stored = read(quizKey)
    if (typeof stored !== "object" || stored === null || Array.isArray(stored)) return {}
    return Object.fromEntries(Object.entries(stored).filter(([, answer]) => isAnswer(answer)))
  }

  // Keeps `answer` as quiz `id`'s (none: forgets it); says whether it was saved.
  function saveAnswer(id, answer) {
    const all = answers()
    if (answer) all[id] = answer
    else delete all[id]
    return save(quizKey, all)
  }

  // A checked exercise's result: whether the reader's code passed its check, the last time.
  function isResult(result) {
    return typeof result === "object" && result !== null && typeof result.passed === "boolean"
  }

  function results() {
    const stored = read(exerciseKey)
    if (typeof stored !== "object" || stored === null || Array.isArray(stored)) return {}
    return Object.fromEntries(Object.entries(stored).filter(([, result]) => isResult(result)))
  }

  // Keeps `result` as checked exercise `id`'s; says whether it was saved.
  function saveResult(id, result) {
    const all = results()
    all[id] = result
    return save(exerciseKey, all)
  }

  window.courseProgress = { answers, saveAnswer, quizKey, results, exerciseKey }

  // The run panel checked an exercise (detail: its id, and whether every assert passed).
  // Once the event is dispatched, `detail.saved` says whether the result was kept.
  document.addEventListener("course:exercise-checked", event => {
    const { id, passed } = event.detail || {}
    if (typeof id !== "string" || !id || typeof passed !== "boolean") return
    event.detail.saved = saveResult(id, { passed })
    showProgress()
  })

  function showLessonControls(done) {
    document.querySelectorAll(".course-complete:not([hidden])").forEach(control => {
      const pressed = done.has(control.dataset.courseLesson)
      control.querySelector("button").setAttribute("aria-pressed", String(pressed))
    })
  }

  const idsOf = list => (list || "").split(" ").filter(Boolean)

  function showOutline(outline, done, answered, checked) {
    const lessons = [...outline.querySelectorAll("[data-course-lesson]")]
    for (const lesson of lessons) {
      lesson.querySelector(".course-outline__done").hidden =
        !done.has(lesson.dataset.courseLesson)
      // Each quiz and each checked exercise the build found in the lesson: tried, and right.
      const scored = [
        ...idsOf(lesson.dataset.courseQuizzes).map(id => answered[id] && answered[id].right),
        ...idsOf(lesson.dataset.courseExercises).map(id => checked[id] && checked[id].passed),
      ]
      const score = lesson.querySelector(".course-outline__score")
      if (!score) continue
      score.hidden = scored.every(result => result === undefined)
      score.textContent = words["progress.score"]
        .replace("{right}", scored.filter(Boolean).length)
        .replace("{total}", scored.length)
    }
    const progress = outline.querySelector("[data-course-total]")
    if (progress) {
      progress.querySelector("[data-course-done]").textContent =
        lessons.filter(lesson => done.has(lesson.dataset.courseLesson)).length
      progress.hidden = false
    }
  }

  // Every view of the progress on this page, as stored now.
  function showProgress() {
    const done = completed()
    const answered = answers()
    const checked = results()
    showLessonControls(done)
    document
      .querySelectorAll(".course-outline")
      .forEach(outline => showOutline(outline, done, answered, checked))
  }

  function setUpLessonControl(control) {
    const lesson = control.dataset.courseLesson
    const button = control.querySelector("button")
    const status = control.querySelector("[role=status]")
    button.addEventListener("click", () => {
      // The reader asks for the opposite of what the button shows, for this lesson only.
      const marking = button.getAttribute("aria-pressed") !== "true"
      const done = completed()
      if (marking) done.add(lesson)
      else done.delete(lesson)
      const saved = save(completedKey, [...done])
      showProgress()
      if (!saved) status.textContent = words["progress.not_saved"]
      else status.textContent = words[marking ? "complete.marked" : "complete.unmarked"]
    })
    control.hidden = false
  }

  function storageWorks() {
    try {
      __md_set("course.probe", true)
      return __md_get("course.probe") === true
    } catch {
      return false
    }
  }

  function setUpReset(reset) {
    const button = reset.querySelector("button")
    const status = reset.querySelector("[role=status]")
    button.addEventListener("click", () => {
      if (!window.confirm(words["progress.reset_confirm"])) return
      const saved = save(completedKey, []) && save(quizKey, {}) && save(exerciseKey, {})
      showProgress()
      status.textContent = words[saved ? "progress.reset_done" : "progress.not_saved"]
    })
    reset.hidden = false
  }

  // Another tab of this site changed the progress (null: it cleared the whole storage).
  window.addEventListener("storage", event => {
    const ours = [completedKey, quizKey, exerciseKey].some(key => event.key?.endsWith(`.${key}`))
    if (event.key === null || ours) showProgress()
  })

  document$.subscribe(() => {
    if (!storageWorks()) return
    document.querySelectorAll(".course-complete[hidden]").forEach(setUpLessonControl)
    document.querySelectorAll(".course-reset[hidden]").forEach(setUpReset)
    showProgress()
  })
})()
