// The live page, part 2 of 3: what a person presses. A form marked data-live is posted (or, for a
// phone's ballot while its socket is live, sent over the socket) with an id of its own, and its answer
// applied to the page; pressed while the connection is down, it is kept and sent when it is back;
// forms that show the fields of the chosen option.
(function () {
  "use strict";
  var live = window.live;
  var body = document.body;

  // Plain forms that ask first (remove a clause, withdraw a paper), and print buttons: no inline
  // handlers (the Content-Security-Policy allows no inline script).
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (form.matches && form.matches("form[data-confirm]:not([data-live])") && !window.confirm(form.dataset.confirm)) {
      event.preventDefault();
    }
  });
  document.addEventListener("click", function (event) {
    if (event.target.closest && event.target.closest("[data-print]")) window.print();
  });

  // Floor actions: POST the form, then apply the regions of the answer (and its message) to the
  // page. Done here rather than with hx-post because a live update may replace the form while its
  // request is in flight, and htmx would then apply the answer to the detached form.
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.matches("form[data-live]")) return;
    event.preventDefault();
    var submitter = event.submitter;
    // Ending a speech or a caucus early is undone by nobody: it takes a second press (the button
    // says so) unless its time is already up.
    var arm = submitter && submitter.dataset.arm;
    if (arm && !(submitter.dataset.armUnless && document.querySelector(submitter.dataset.armUnless))) {
      if (!submitter.dataset.armed) {
        submitter.dataset.armed = "1";
        var label = submitter.innerHTML;
        submitter.textContent = arm;
        setTimeout(function () {
          if (submitter.dataset.armed) {
            delete submitter.dataset.armed;
            submitter.innerHTML = label;
          }
        }, 4000);
        return;
      }
      delete submitter.dataset.armed;
    }
    var question = form.dataset.confirm;
    if (question && !window.confirm(question)) return;
    if (form.dataset.ask) {
      // A short answer the chair types (a ruling's reason), asked for when the button is pressed.
      var answer = window.prompt(form.dataset.question || "");
      if (answer === null || !answer.trim()) return;
      form.querySelector('[name="' + form.dataset.ask + '"]').value = answer;
    }
    if (form.dataset.busy) return; // a double click sends once
    form.dataset.busy = "1";
    // Pressed: the button says it is sending until the answer comes (a slow Wi-Fi is not silence).
    var pressed = submitter || form.querySelector("button");
    if (pressed) pressed.setAttribute("aria-busy", "true");
    // URL-encoded: a form rendered by a broadcast has no CSRF field (the header carries the token).
    var data = new URLSearchParams(new FormData(form, submitter));
    deliver({ form: form, pressed: pressed, data: data, press: pressFor(form.action + "?" + data.toString()),
      label: labelOf(pressed), at: Date.now() });
  });

  function labelOf(button) { // what the button says, without its key hint
    if (!button) return "";
    var copy = button.cloneNode(true);
    copy.querySelectorAll("kbd").forEach(function (key) { key.remove(); });
    return copy.textContent.trim().replace(/\s+/g, " ").slice(0, 40);
  }
  function done(entry) {
    delete entry.form.dataset.busy;
    if (entry.pressed) entry.pressed.removeAttribute("aria-busy");
  }

  function deliver(entry) { // send a press now, or keep it until the connection is back
    var form = entry.form, data = entry.data, press = entry.press;
    if (!live.isOnline()) {
      keep(entry);
      return;
    }
    if (form.dataset.socket) {
      // A ballot goes over the socket the phone holds: with the others of a burst, it is written in
      // one go, and the answer comes back on the socket ("Your vote is in", or why not). Sent again
      // (no answer came), it keeps its id and is not counted twice.
      var message = { command: form.dataset.socket, request: press.id };
      data.forEach(function (value, key) { if (key !== "csrfmiddlewaretoken") message[key] = value; });
      live.send(message);
      setTimeout(function () { done(entry); }, 1500);
      return;
    }
    inTurn(function () {
      return fetch(form.action, {
        method: "POST",
        body: data,
        credentials: "same-origin",
        headers: { "HX-Request": "true", "X-CSRFToken": csrfToken(), "X-Request-Id": press.id },
      }).then(function (response) {
        if (response.status < 500) answered(press);
        return response.text().then(function (text) {
          if (response.status >= 500) throw new Error("server");
          var field = response.headers.get("X-Error-Field");
          if (response.status === 409 && field) {
            var answer = document.createElement("template");
            answer.innerHTML = text;
            var message = answer.content.querySelector(".flash");
            if (message && showFieldError(form, field, message.textContent)) return;
          }
          // The live channel may already have brought newer regions than this answer's.
          htmx.swap(document.body, live.keepNewest(text), { swapStyle: "none" });
          live.afterUpdate();
          // The change was made but its push failed: ask for the whole state, it shows the change.
          if (response.headers.get("X-Floor-Resync")) live.resync();
          // What was typed into a folding form (a motion, a point) was taken: clear it, fold it away,
          // and bring where it is confirmed into view (data-fold names that element's id).
          var folding = form.closest("details[data-fold]");
          if (response.ok && folding) {
            form.reset();
            folding.open = false;
            fieldForms();
            var shown = folding.dataset.fold && document.getElementById(folding.dataset.fold);
            if (shown) shown.scrollIntoView({ block: "nearest" });
          }
        });
      }).catch(function (error) {
        if (error && error.message === "server") {
          showFlash(live.word("server_failed"));
          return;
        }
        // No answer (the Wi-Fi?): kept, and sent again with the same id once the connection is back;
        // if the first one was done after all, the server says so rather than doing it twice.
        showFlash(live.word("no_answer"));
        keep(entry);
        setTimeout(function () { if (live.isOnline()) sendKept(); }, 3000);
      }).finally(function () { done(entry); });
    });
  }
  // ---- Taps kept through a drop ----------------------------------------------------------------
  // Pressed while the connection is down, a press is kept on the page ("Waiting to send") and sent,
  // in the order pressed and with its id, when the socket is back; each gets its answer, and one that
  // no longer makes sense (a ballot after its vote closed) is refused in words. A press kept longer
  // than KEEP_FOR is dropped, with a word.
  var KEEP_FOR = 120000;
  var kept = [];
  function keep(entry) {
    done(entry);
    if (!kept.some(function (k) { return k.press.id === entry.press.id; })) kept.push(entry);
    showKept();
  }
  function showKept() {
    var line = document.getElementById("kept");
    if (!line) {
      line = document.createElement("p");
      line.id = "kept";
      line.className = "kept";
      line.setAttribute("role", "status");
      line.dataset.testid = "kept";
      body.appendChild(line);
    }
    line.hidden = !kept.length;
    line.textContent = kept.length ? live.word("waiting_to_send") + " " + kept.map(function (k) { return k.label; }).join(" · ") : "";
  }
  function dropStale() {
    var now = Date.now();
    var stale = kept.filter(function (k) { return now - k.at > KEEP_FOR; });
    if (!stale.length) return;
    kept = kept.filter(function (k) { return stale.indexOf(k) < 0; });
    showKept();
    showFlash(live.word("not_sent") + " " +
      stale.map(function (k) { return k.label; }).join(", ") + ". " + live.word("press_again"));
  }
  function sendKept() {
    dropStale();
    var waiting = kept;
    kept = [];
    showKept();
    waiting.forEach(deliver);
  }
  setInterval(dropStale, 5000);
  document.addEventListener("htmx:wsOpen", function () { setTimeout(sendKept, 0); });

  // The presses of one screen reach the server in the order they were made (the chair's R then N:
  // accept the request, then call the speaker; each request has a thread of its own there): each
  // waits for the answer to the one before, never more than TURN_WAIT (a press lost on a bad Wi-Fi
  // does not hold up the next for long).
  var TURN_WAIT = 5000;
  var lastTurn = Promise.resolve();
  function inTurn(send) {
    var waited = Promise.race([lastTurn, new Promise(function (resolve) { setTimeout(resolve, TURN_WAIT); })]);
    lastTurn = waited.then(send, send);
    return lastTurn;
  }

  // ---- One press, done once ------------------------------------------------------------------
  // Each press has an id of its own. A press whose answer never came is remembered (for a while) by
  // what it asked: pressed again, it goes with the same id, and the server answers "done already"
  // instead of extending a timer twice. An answered press is forgotten: the next is a new one.
  var unanswered = {};
  var REMEMBER_FOR = 10 * 60 * 1000;
  function newRequestId() {
    var bytes = new Uint8Array(16);
    window.crypto.getRandomValues(bytes);
    return Array.prototype.map.call(bytes, function (b) { return (b + 256).toString(16).slice(1); }).join("");
  }
  function pressFor(signature) {
    var now = Date.now();
    Object.keys(unanswered).forEach(function (key) {
      if (now - unanswered[key].at > REMEMBER_FOR) delete unanswered[key];
    });
    var press = unanswered[signature];
    if (!press) press = unanswered[signature] = { id: newRequestId(), at: now, signature: signature };
    return press;
  }
  function answered(press) {
    delete unanswered[press.signature];
  }
  function forgetPress(id) {
    Object.keys(unanswered).forEach(function (key) {
      if (unanswered[key].id === id) delete unanswered[key];
    });
  }

  function csrfToken() {
    try {
      return JSON.parse(body.getAttribute("hx-headers") || "{}")["X-CSRFToken"] || "";
    } catch (e) {
      return "";
    }
  }

  function showFlash(text) {
    var flash = document.getElementById("flash");
    if (!flash) return;
    flash.innerHTML = "";
    var p = document.createElement("p");
    p.className = "flash flash-error";
    p.textContent = text;
    flash.appendChild(p);
  }

  // Messages fade after a while, so an old refusal is not mistaken for a new one.
  var flashTimer = null;
  new MutationObserver(function () {
    var flash = document.getElementById("flash");
    clearTimeout(flashTimer);
    if (flash && flash.textContent.trim()) {
      flashTimer = setTimeout(function () {
        var f = document.getElementById("flash");
        if (f) f.innerHTML = "";
      }, 8000);
    }
  }).observe(document.documentElement, { childList: true, subtree: true, characterData: false });

  // ---- Forms that show the fields of the chosen option (a motion's fields) -------------------------
  // Options not in order now are hidden: a region of the floor says which are ([data-in-order]).
  function fieldForms() {
    refOptions();
    // Points not in order now (in voting procedure, all but a point of order) are hidden.
    var points = document.querySelector("[data-points-in-order]");
    if (points) {
      var allowedPoints = points.dataset.pointsInOrder.split(" ");
      document.querySelectorAll("button[data-point]").forEach(function (button) {
        button.hidden = allowedPoints.indexOf(button.value) < 0;
      });
    }
    var allowed = document.querySelector("[data-in-order]");
    var inOrder = allowed ? allowed.dataset.inOrder.split(" ") : null;
    document.querySelectorAll("[data-field-form]").forEach(function (form) {
      var select = form.querySelector("[data-field-chooser]");
      if (!select) return;
      if (inOrder) {
        Array.prototype.forEach.call(select.options, function (option) {
          option.disabled = option.hidden = inOrder.indexOf(option.value) < 0;
        });
        if (select.selectedOptions[0] && select.selectedOptions[0].disabled) {
          var first = Array.prototype.find.call(select.options, function (o) { return !o.disabled; });
          if (first) select.value = first.value;
        }
        form.classList.toggle("nothing-in-order", !Array.prototype.some.call(select.options, function (o) {
          return !o.disabled;
        }));
      }
      var chosen = select.selectedOptions[0];
      var fields = ((chosen && chosen.dataset.fields) || "").split(" ");
      form.querySelectorAll("[data-field]").forEach(function (field) {
        var shown = fields.indexOf(field.dataset.field) >= 0;
        field.hidden = !shown;
        field.querySelector("input, select").required = shown;
      });
    });
  }
  document.addEventListener("change", function (event) {
    if (event.target.matches && event.target.matches("[data-field-chooser]")) fieldForms();
  });

  // A choice among the committee's papers (a motion's "Draft resolution"): a live region carries the
  // choices now (<template data-options-for="draft">); the form keeps what was chosen if it is still
  // there, so a form being filled in is never reset by an update.
  function refOptions() {
    document.querySelectorAll("template[data-options-for]").forEach(function (choices) {
      var html = choices.innerHTML.trim() || '<option value="">(none yet)</option>';
      var name = choices.dataset.optionsFor;
      document.querySelectorAll("[data-field-form] select").forEach(function (select) {
        if (select.name !== name || select.dataset.choices === html) return;
        var chosen = select.value;
        select.innerHTML = html;
        select.dataset.choices = html;
        if (Array.prototype.some.call(select.options, function (o) { return o.value === chosen; })) {
          select.value = chosen;
        }
      });
    });
  }

  // The chair edits a paper for one of its sponsors (a delegation without a phone): every form of
  // the page acts for the sponsor chosen at its top, remembered across the page's reloads.
  function actingFor() {
    var chooser = document.querySelector("select[data-act-for]");
    if (!chooser) return;
    var key = "acting-for:" + location.pathname;
    var remembered = sessionStorage.getItem(key);
    if (remembered && Array.prototype.some.call(chooser.options, function (o) { return o.value === remembered; })) {
      chooser.value = remembered;
    }
    document.querySelectorAll("input[data-acting]").forEach(function (input) { input.value = chooser.value; });
    sessionStorage.setItem(key, chooser.value);
  }
  document.addEventListener("DOMContentLoaded", actingFor);

  // Writing a clause: the usual opening phrases of its kind are offered; sub-clauses are operative.
  function clauseKind(select) {
    var form = select.form;
    var phrase = form.querySelector('input[name="phrase"]');
    if (phrase) phrase.setAttribute("list", "phrases-" + select.value);
    form.querySelectorAll("[data-operative-only]").forEach(function (el) {
      el.hidden = select.value !== "operative";
      var parent = el.querySelector("select");
      if (parent && el.hidden) parent.value = "";
    });
  }
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("select[data-phrase-kind]").forEach(clauseKind);
  });
  document.addEventListener("change", function (event) {
    if (event.target.matches && event.target.matches("select[data-phrase-kind]")) clauseKind(event.target);
  });
  document.addEventListener("change", function (event) {
    if (event.target.matches && event.target.matches("select[data-act-for]")) {
      sessionStorage.setItem("acting-for:" + location.pathname, event.target.value);
      actingFor();
    }
  });

  // A refusal about one field is shown next to that field (not in a message over the buttons).
  function showFieldError(form, field, message) {
    var place = form.querySelector('[data-error-for="' + field + '"]');
    if (!place) return false;
    place.textContent = message;
    var input = form.querySelector('[name="' + field + '"]');
    if (input) {
      input.setAttribute("aria-invalid", "true");
      input.focus();
    }
    return true;
  }

  live.updated.push(fieldForms);
  live.pressAnswered = forgetPress;
})();
