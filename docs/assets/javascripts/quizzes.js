// Quizzes as forms (course/self_check_blocks.py writes them as a question, a list of options
// and a collapsed answer, which is what a reader without JavaScript gets). A fieldset with
// the question as its legend, native radios (one right option) or checkboxes (several),
// Check: each chosen option is marked right or wrong in words and by an icon, the result is
// announced, the explanation shown, and Try again offered. The reader's answers stay in
// this browser only, with Material's site-scoped storage (through progress.js, which reads
// them for the outline), and come back on their return, or as another tab changes them.
// Try again forgets the answer. The right options are in the page's data only.
(() => {
  const words = JSON.parse(document.getElementById("course-words")?.textContent || "{}")
  const { answers, saveAnswer, quizKey } = window.courseProgress
  // Each quiz on the page, to show what is stored when another tab changes it.
  const shown = new Map()
  // The second click of a double click on Check lands on Try again, which takes Check's
  // place: a click this soon after it appears is not the reader's.
  const settleMs = 500

  // An option is known by its words: they stay the same when the author reorders options.
  const wordsOf = element => element.textContent.replace(/\s+/g, " ").trim()

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
      return { input, mark, right: option.dataset.courseRight === "true", text: wordsOf(option) }
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

    let answeredAt = 0

    // Shows `chosen` (indices) marked, with the explanation; says whether it is right.
    function show(chosen) {
      const right = choices.every(({ right }, index) => right === chosen.includes(index))
      choices.forEach(({ input, mark, right: isRight }, index) => {
        input.checked = chosen.includes(index)
        input.disabled = true
        mark.hidden = !input.checked
        mark.textContent = isRight ? `✓ ${words["quiz.right_option"]}` : `✗ ${words["quiz.wrong_option"]}`
        mark.dataset.right = String(isRight)
      })
      explanation.hidden = false
      check.hidden = true
      again.hidden = false
      answeredAt = performance.now()
      return right
    }

    function clear() {
      choices.forEach(({ input, mark }) => {
        input.checked = false
        input.disabled = false
        mark.hidden = true
      })
      status.textContent = ""
      explanation.hidden = true
      check.hidden = false
      again.hidden = true
    }

    // The stored answer as indices of today's options; none when there is none, or when
    // it names an option the quiz no longer has (the author changed it): that one is
    // forgotten, so that the outline does not count it either.
    function storedChoice() {
      const previous = answers()[id]
      if (!previous) return null
      const chosen = choices.flatMap(({ text }, index) => (previous.chosen.includes(text) ? [index] : []))
      const known = previous.chosen.every(text => choices.some(choice => choice.text === text))
      if (!known) {
        saveAnswer(id, null)
        return null
      }
      const right = choices.every(({ right }, index) => right === chosen.includes(index))
      if (right !== previous.right) saveAnswer(id, { chosen: previous.chosen, right })
      return chosen
    }

    // What is stored, unless it is what is shown already. An answer being chosen (an option
    // chosen, not yet checked) stays: the reader's choice is theirs until they check it.
    function follow() {
      const picked = choices.flatMap(({ input }, index) => (input.checked ? [index] : []))
      const showing = check.hidden ? picked : null
      if (!showing && picked.length > 0) return
      const chosen = storedChoice()
      if (JSON.stringify(chosen) === JSON.stringify(showing)) return
      if (chosen) {
        show(chosen)
        status.textContent = ""
      } else if (showing) clear()
    }

    form.addEventListener("submit", event => {
      event.preventDefault()
      const chosen = choices.flatMap(({ input }, index) => (input.checked ? [index] : []))
      if (chosen.length === 0) {
        status.textContent = words["quiz.choose_first"]
        return
      }
      const right = show(chosen)
      const saved = saveAnswer(id, { chosen: chosen.map(index => choices[index].text), right })
      const result = words[right ? "quiz.right" : "quiz.wrong"]
      status.textContent = saved ? result : `${result} ${words["progress.not_saved"]}`
      again.focus()
    })
    again.addEventListener("click", event => {
      // A click of the keyboard (detail 0) is always the reader's.
      if (event.detail > 1 || (event.detail === 1 && performance.now() - answeredAt < settleMs)) return
      clear()
      saveAnswer(id, null)
      choices[0].input.focus()
    })

    question.hidden = list.hidden = answer.hidden = true
    quiz.append(form)
    shown.set(quiz, follow)
    follow()
  }

  // Another tab of this site answered, tried again or reset (null: it cleared the storage).
  window.addEventListener("storage", event => {
    if (event.key !== null && !event.key.endsWith(`.${quizKey}`)) return
    for (const [quiz, follow] of shown) {
      if (quiz.isConnected) follow()
      else shown.delete(quiz)
    }
  })

  document$.subscribe(() => {
    document.querySelectorAll(".course-quiz:not(:has(form))").forEach(build)
  })
})()
