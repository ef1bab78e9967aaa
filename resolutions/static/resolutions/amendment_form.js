// The page to propose an amendment only (templates/resolutions/amend.html).
(function () {
  "use strict";
  // ---- Proposing an amendment ---------------------------------------------------------------------
  // "Change a clause" starts from the clause as it reads (its opening phrase and text), never from an
  // empty box; what the delegate typed is never overwritten.
  document.addEventListener("change", function (event) {
    var form = event.target.closest && event.target.closest("[data-amend-form]");
    if (!form || (event.target.name !== "target" && event.target.name !== "action")) return;
    var option = form.querySelector("select[name=target]").selectedOptions[0];
    var phrase = form.querySelector("input[name=phrase]");
    var text = form.querySelector("textarea[name=text]");
    var untouched = text.value === "" || text.value === form.dataset.filled;
    if (form.querySelector("select[name=action]").value === "change" && option && option.value && untouched) {
      phrase.value = option.dataset.phrase;
      text.value = form.dataset.filled = option.dataset.text;
    }
  });
})();
