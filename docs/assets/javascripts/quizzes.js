// Quizzes as forms (course/self_check_blocks.py writes them as a question, a list of options
// and a collapsed answer, which is what a reader without JavaScript gets). A fieldset with
// the question as its legend, native radios (one right option) or checkboxes (several),
// Check: each chosen option is marked right or wrong in words and by an icon, the result is
// announced, the explanation shown, and Try again offered. The reader's answers stay in
// this browser only, with Material's site-scoped storage (progress.js reads them for the
// outline), and come back on their return. The right options are in the page's data only.
(() => {
  const key = "course.quizzes"
  const words = JSON.parse(document.getElementById("course-words")?.textContent || "{}")

  function stored() {
    try {
      return __md_get(key) || {}
    } catch {
      return {}
    }
  }

  function store(id, answer) {
    try {
      __md_set(key, { ...stored(), [id]: answer })
    } catch {
      // Without storage a quiz still works; it is not remembered.
    }
  }

  function element(tag, properties = {}, ...children) {
    const created = Object.assign(document.createElement(tag), properties)
    created.append(...children)
    return created
  }

  function build(quiz) {
    const id = quiz.id
    const question = quiz.querySelector(".course-quiz__question")
    const list = quiz.querySelector(".course-quiz__options")
    const answer = quiz.querySelector(".course-quiz__answer")
    if (!question || !list || !answer) return
    const multiple = quiz.dataset.courseKind === "multiple"
    const options = [...list.children]
    const legend = element("legend")
    legend.innerHTML = question.innerHTML
    const fieldset = element("fieldset", {}, legend)
    if (multiple) {
      const hint = element("p", { className: "course-quiz__hint", id: `${id}-hint` })
      hint.textContent = words["quiz.select_all"]
      fieldset.setAttribute("aria-describedby", hint.id)
      fieldset.append(hint)
    }
    const choices = options.map((option, index) => {
      const input = element("input", {
        type: multiple ? "checkbox" : "radio",
        name: id,
        id: `${id}-${index}`,
        value: String(index),
      })
      const label = element("label", { htmlFor: input.id })
      label.innerHTML = option.innerHTML
      const mark = element("span", { className: "course-quiz__mark", hidden: true })
      fieldset.append(element("div", { className: "course-quiz__choice" }, input, label, mark))
      return { input, mark, right: option.dataset.courseRight === "true" }
    })
    const check = element("button", { type: "submit", className: "md-button md-button--primary" })
    check.textContent = words["quiz.check"]
    const again = element("button", { type: "button", className: "md-button", hidden: true })
    again.textContent = words["quiz.try_again"]
    const status = element("p", { className: "course-quiz__status" })
    status.setAttribute("role", "status")
    const explanation = element("div", { className: "course-quiz__explanation", hidden: true })
    explanation.innerHTML = answer.querySelector(".course-quiz__explanation")?.innerHTML || ""
    const form = element("form", { className: "course-quiz__form" }, fieldset, check, again, status, explanation)
    form.noValidate = true

    function show(chosen, announce) {
      const right = choices.every(({ right }, index) => right === chosen.includes(index))
      choices.forEach(({ input, mark, right: isRight }, index) => {
        input.checked = chosen.includes(index)
        input.disabled = true
        mark.hidden = !input.checked
        mark.textContent = isRight ? `✓ ${words["quiz.right_option"]}` : `✗ ${words["quiz.wrong_option"]}`
        mark.dataset.right = String(isRight)
      })
      if (announce) status.textContent = right ? words["quiz.right"] : words["quiz.wrong"]
      explanation.hidden = false
      check.hidden = true
      again.hidden = false
      return right
    }

    form.addEventListener("submit", event => {
      event.preventDefault()
      const chosen = choices.flatMap(({ input }, index) => (input.checked ? [index] : []))
      if (chosen.length === 0) return
      store(id, { chosen, right: show(chosen, true) })
      again.focus()
    })
    again.addEventListener("click", () => {
      choices.forEach(({ input, mark }) => {
        input.checked = false
        input.disabled = false
        mark.hidden = true
      })
      status.textContent = ""
      explanation.hidden = true
      check.hidden = false
      again.hidden = true
      choices[0].input.focus()
    })

    question.hidden = list.hidden = answer.hidden = true
    quiz.append(form)
    const previous = stored()[id]
    if (previous?.chosen?.length) show(previous.chosen, false)
  }

  document$.subscribe(() => {
    document.querySelectorAll(".course-quiz:not(:has(form))").forEach(build)
  })
})()
