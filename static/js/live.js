// The live page: connection state, error messages, and the chair's keyboard.
// Everything shown comes from the server as HTML; this file only reacts to the socket and to keys.
(function () {
  "use strict";

  // Reconnect quickly in a room: at most ~5 s between tries, jittered so 40 phones don't stampede.
  document.addEventListener("DOMContentLoaded", function () {
    htmx.config.wsReconnectDelay = function (retry) {
      var cap = Math.min(5000, 500 * Math.pow(2, retry));
      return cap / 2 + Math.random() * cap / 2;
    };
  });

  // ---- Never go back in time ---------------------------------------------------------------------
  // Every region carries the version of the state it shows (data-v). Updates may arrive out of order
  // (two actions at once) or late (an HTTP answer after its broadcast): a region, or a region inside
  // it, older than the one on the page is not swapped in; nor is one of the same version (the same
  // rendering, met twice: an HTTP answer and its broadcast), so a button armed meanwhile stays armed.
  function versionOf(el) {
    return el && el.hasAttribute && el.hasAttribute("data-v") ? Number(el.getAttribute("data-v")) : null;
  }
  function keepNewest(text) {
    if (text.indexOf("data-v=") < 0) return text;
    var holder = document.createElement("template");
    holder.innerHTML = text;
    var changed = false;
    Array.prototype.slice.call(holder.content.children).forEach(function (incoming) {
      var current = incoming.id ? document.getElementById(incoming.id) : null;
      if (versionOf(current) !== null && versionOf(current) >= versionOf(incoming)) {
        incoming.remove();
        changed = true;
        return;
      }
      incoming.querySelectorAll("[id][data-v]").forEach(function (inner) {
        var shown = document.getElementById(inner.id);
        if (versionOf(shown) !== null && versionOf(shown) > versionOf(inner)) {
          inner.replaceWith(shown.cloneNode(true));
          changed = true;
        }
      });
    });
    return changed ? holder.innerHTML : text;
  }
  htmx.defineExtension("newest", {
    transformResponse: function (text) {
      return keepNewest(text);
    },
  });

  var body = document.body;
  function setOnline(online, text) {
    body.classList.toggle("offline", !online);
    body.dataset.live = online ? "open" : "closed";
    var banner = document.getElementById("conn-banner");
    if (banner) {
      banner.hidden = online;
      if (text) banner.textContent = text;
    }
    document.querySelectorAll("form button").forEach(function (button) {
      if (!button.closest(".overlay")) button.disabled = !online;
    });
  }

  var openedBefore = false;
  var socket = null; // the htmx ws extension's socket wrapper
  function sendNow(message) {
    if (!socket || body.dataset.live !== "open") return; // never queue: a reconnection resyncs anyway
    try {
      socket.sendImmediately(JSON.stringify(message));
    } catch (e) { /* closing: the close handler takes over */ }
  }
  function resync() {
    sendNow({ command: "sync" });
  }
  var currentSocket = null; // the WebSocket now in use: a replaced one's late close is not news
  document.addEventListener("htmx:wsOpen", function (event) {
    socket = event.detail && event.detail.socketWrapper;
    currentSocket = event.detail.event && event.detail.event.target;
    heard = Date.now();
    setOnline(true);
    // After a reconnection, reload the join codes if they are shown (a link may have been replaced).
    if (openedBefore) loadJoinCodes(true);
    openedBefore = true;
  });

  function loadJoinCodes(onlyIfLoaded) {
    var panel = document.querySelector("details[data-codes]");
    var codes = document.getElementById("access");
    if (!panel || !codes || !panel.open) return;
    if (onlyIfLoaded ? !codes.hasAttribute("data-loaded") : codes.hasAttribute("data-loaded")) return;
    htmx.ajax("GET", panel.dataset.codes, { target: "#access", swap: "outerHTML" });
  }
  document.addEventListener("toggle", function (event) {
    if (event.target.matches && event.target.matches("details[data-codes]")) loadJoinCodes(false);
  }, true);

  // The extension retries only after 1006, 1011, 1012 and 1013. A screen must come back whatever
  // closed its socket (the server's idle timeout closes with 1000, a proxy or a laptop's sleep with
  // others), except the app's own 4xxx "no access" codes.
  var RETRIED_BY_THE_EXTENSION = [1006, 1011, 1012, 1013];
  var retries = 0;
  var noAccess = false;
  document.addEventListener("htmx:wsClose", function (event) {
    var closed = event.detail && event.detail.event;
    if (!closed || closed.target !== currentSocket) return;
    currentSocket = null;
    var code = closed.code;
    if (code >= 4000) {
      noAccess = true;
      setOnline(false, "Disconnected: this screen no longer has access. Reload after fixing the link.");
      return;
    }
    setOnline(false, "Reconnecting… the screen updates by itself when the connection is back.");
    if (RETRIED_BY_THE_EXTENSION.indexOf(code) < 0 && socket) {
      var delay = htmx.config.wsReconnectDelay(retries++);
      setTimeout(function () { socket.reconnect(); }, delay);
    }
  });
  document.addEventListener("htmx:wsOpen", function () { retries = 0; });

  // ---- Heartbeat -------------------------------------------------------------------------------
  // A frozen server or a dead Wi-Fi keeps a socket "open" for minutes. The page pings every few
  // seconds; the server answers with the latest version it knows (and resyncs this screen if it fell
  // behind). Nothing heard for a while: the page says so and reconnects.
  var PING_EVERY = 2500;
  var SILENT_FOR = 6000;
  var heard = Date.now();
  document.addEventListener("htmx:wsBeforeMessage", function (event) {
    heard = Date.now();
    var message = event.detail.message;
    if (typeof message === "string" && message.lastIndexOf("<!--pong", 0) === 0) {
      event.preventDefault(); // nothing to swap
    } else if (typeof message === "string" && message.lastIndexOf("<!--answered ", 0) === 0) {
      event.preventDefault();
      forgetPress(message.slice(13, -3)); // a press sent over the socket was answered
    }
  });
  setInterval(function () {
    if (!socket || noAccess || body.dataset.live !== "open") return;
    if (Date.now() - heard > SILENT_FOR) {
      currentSocket = null; // its close, whenever it comes, is ours
      setOnline(false, "Reconnecting… the screen updates by itself when the connection is back.");
      socket.reconnect();
      return;
    }
    sendNow({ command: "ping" });
  }, PING_EVERY);

  // A point of order or of personal privilege newly raised: a beep on the chair's laptop (if on).
  var alerted = null;
  function alerts() {
    var strip = document.querySelector("[data-alert]");
    if (!strip) return;
    var ids = strip.dataset.alert.split(" ").filter(Boolean);
    if (alerted !== null && ids.some(function (id) { return alerted.indexOf(id) < 0; })) beep();
    alerted = ids;
  }

  // Bars drawn to a share (a vote's for and against, a paper's support): the server gives the share
  // as data, the page sets the width (the Content-Security-Policy allows no inline style).
  function drawBars() {
    document.querySelectorAll("[data-width]").forEach(function (el) {
      el.style.width = Math.max(0, Math.min(100, Number(el.dataset.width) || 0)) + "%";
    });
    document.querySelectorAll("[data-left]").forEach(function (el) {
      el.style.left = Math.max(0, Math.min(100, Number(el.dataset.left) || 0)) + "%";
    });
  }

  // New buttons swapped in while offline must stay disabled too.
  function afterUpdate() {
    drawBars();
    alerts();
    if (body.classList.contains("offline")) setOnline(false);
    restoreFocus();
    applyFilter();
    readTimers();
    markMine();
    fieldForms();
  }
  document.addEventListener("DOMContentLoaded", afterUpdate);

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
  document.addEventListener("htmx:wsAfterMessage", afterUpdate);

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
    var press = pressFor(form.action + "?" + data.toString());
    if (form.dataset.socket && socket && body.dataset.live === "open") {
      // A ballot goes over the socket the phone holds: with the others of a burst, it is written in
      // one go, and the answer comes back on the socket ("Your vote is in", or why not). Sent again
      // (no answer came), it keeps its id and is not counted twice.
      var message = { command: form.dataset.socket, request: press.id };
      data.forEach(function (value, key) { if (key !== "csrfmiddlewaretoken") message[key] = value; });
      sendNow(message);
      setTimeout(function () {
        delete form.dataset.busy;
        if (pressed) pressed.removeAttribute("aria-busy");
      }, 1500);
      return;
    }
    fetch(form.action, {
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
        htmx.swap(document.body, keepNewest(text), { swapStyle: "none" });
        afterUpdate();
        // The change was made but its push failed: ask for the whole state, it shows the change.
        if (response.headers.get("X-Floor-Resync")) resync();
        // What was typed into a folding form (a motion, a point) was taken: clear it, fold it away.
        var folding = form.closest("details[data-fold]");
        if (response.ok && folding) {
          form.reset();
          folding.open = false;
          fieldForms();
        }
      });
    }).catch(function (error) {
      // No answer is not "nothing was done": the change may have been made before the answer was
      // lost. Pressing again sends the same press, which the server does not do twice.
      showFlash(error && error.message === "server"
        ? "The server failed while doing that. If the screen shows the change, it was made; " +
          "pressing again will not make it twice."
        : "No answer from the server (the Wi-Fi?). If the change was made, the screen shows it when " +
          "the connection is back; pressing again will not make it twice.");
    }).finally(function () {
      delete form.dataset.busy;
      if (pressed) pressed.removeAttribute("aria-busy");
    });
  });


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

  // ---- Countdowns ---------------------------------------------------------------------------------
  // Each timer carries its deadline (data-ends-at, server clock) or, when paused, the time left.
  // The client's offset from the server clock is learnt from data-now (the server's time when it
  // rendered): the largest (server - client) seen is the least delayed estimate.
  var clockOffset = null;

  function readTimers() {
    document.querySelectorAll("[data-now]").forEach(function (el) {
      if (el.dataset.seen) return;
      el.dataset.seen = "1";
      var observed = Number(el.dataset.now) - Date.now();
      if (clockOffset === null || observed > clockOffset) clockOffset = observed;
    });
    if (clockOffset !== null) body.dataset.clockOffset = String(clockOffset);
    tick();
  }

  function format(ms) {
    var total = Math.max(0, Math.ceil(ms / 1000));
    var minutes = Math.floor(total / 60);
    var seconds = total % 60;
    return minutes + ":" + (seconds < 10 ? "0" : "") + seconds;
  }

  function tick() {
    var now = Date.now() + (clockOffset || 0);
    document.querySelectorAll("[data-timer]").forEach(function (el) {
      var left = el.dataset.endsAt ? Number(el.dataset.endsAt) - now : Number(el.dataset.remaining);
      // Past its time a running countdown counts the overtime: "+0:12".
      var text = left < 0 && el.dataset.endsAt ? "+" + format(-left) : format(left);
      if (el.textContent !== text) el.textContent = text;
      var warn = (el.dataset.warn || "30,10").split(",").map(Number);
      el.classList.toggle("warn", left <= warn[0] * 1000 && left > warn[1] * 1000);
      el.classList.toggle("danger", left <= warn[1] * 1000 && left > 0);
      var over = left <= 0;
      if (over && !el.classList.contains("over") && el.dataset.endsAt) beep();
      el.classList.toggle("over", over);
    });
  }
  setInterval(tick, 100);

  // Something shown for a while only (a vote's result on the projector): data-until, server clock.
  setInterval(function () {
    var now = Date.now() + (clockOffset || 0);
    document.querySelectorAll("[data-until]").forEach(function (el) {
      if (Number(el.dataset.until) < now) {
        el.removeAttribute("data-takes-stage");
        el.hidden = true;
      }
    });
  }, 500);

  var audio = null;
  function beep() {
    if (localStorage.getItem("mun-sound") !== "on" || body.dataset.audience === "delegate") return;
    try {
      audio = audio || new (window.AudioContext || window.webkitAudioContext)();
      var osc = audio.createOscillator();
      var gain = audio.createGain();
      osc.frequency.value = 880;
      gain.gain.value = 0.2;
      osc.connect(gain).connect(audio.destination);
      osc.start();
      osc.stop(audio.currentTime + 0.4);
    } catch (e) { /* no sound on this device */ }
  }
  document.addEventListener("change", function (event) {
    if (event.target.id === "sound-toggle") {
      localStorage.setItem("mun-sound", event.target.checked ? "on" : "off");
    }
  });
  document.addEventListener("DOMContentLoaded", function () {
    var toggle = document.getElementById("sound-toggle");
    if (toggle) toggle.checked = localStorage.getItem("mun-sound") === "on";
  });

  // ---- A phone's own delegation in shared regions ------------------------------------------------
  function markMine() {
    var me = body.dataset.me;
    if (!me) return;
    // A card shared by every phone (a paper, an amendment) names the delegations of each role it
    // knows, in the order that wins ("consent sponsor mover signed"); this phone takes the first
    // role it is named in, else "other", and CSS shows only that role's buttons ([data-for]).
    document.querySelectorAll("[data-roles]").forEach(function (card) {
      var role = card.dataset.roles.split(" ").find(function (name) {
        var named = card.getAttribute("data-role-" + name) || "";
        return named.split(" ").indexOf(me) >= 0;
      });
      card.dataset.role = role || "other";
    });
    document.querySelectorAll("[data-d]").forEach(function (el) {
      el.classList.toggle("me", el.dataset.d === me);
    });
    var order = document.querySelectorAll("[data-place-list] li");
    var place = Array.prototype.findIndex.call(order, function (li) { return li.dataset.d === me; });
    document.querySelectorAll("[data-my-place]").forEach(function (el) {
      if (place >= 0) el.textContent = String(place + 1);
    });
  }

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

  // Times as MUN says them: a bare number is in the field's unit; the page shows what it will read.
  function readTime(text, unit) {
    text = text.trim().toLowerCase().replace(",", ".");
    var clock = /^(\d+):([0-5]\d)$/.exec(text);
    if (clock) return Number(clock[1]) * 60 + Number(clock[2]);
    if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * (unit === "minutes" ? 60 : 1));
    return null;
  }
  function preview(input) {
    var output = input.form && input.form.querySelector('[data-preview-for="' + input.name + '"]');
    if (!output) return;
    var seconds = readTime(input.value, input.dataset.unit);
    var words = input.dataset.unit === "minutes" ? Math.round(seconds / 6) / 10 + " min" : seconds + " s";
    output.textContent = seconds ? "= " + format(seconds * 1000) + " (" + words + ")" : "";
  }
  document.addEventListener("input", function (event) {
    var input = event.target;
    if (input.matches && input.matches("input[data-unit]")) preview(input);
    if (input.closest) {
      var holder = input.closest("[data-field]");
      var error = holder && holder.querySelector("[data-error-for]");
      if (error) error.textContent = "";
      if (input.removeAttribute) input.removeAttribute("aria-invalid");
    }
  });
  document.addEventListener("click", function (event) {
    var chip = event.target.closest && event.target.closest("[data-fill]");
    if (!chip) return;
    var input = chip.closest("[data-field]").querySelector("input");
    input.value = chip.dataset.fill;
    input.dispatchEvent(new Event("input", { bubbles: true }));
    input.focus();
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

  // ---- The chair's keyboard ----------------------------------------------------------------------
  // Two modes, always shown (#key-mode), and no letter means two things:
  // - floor keys work wherever the focus is, except while typing in a text field: N next speaker,
  //   Space start / pause, + add 30 s, O open the vote, R accept a request, E end the caucus;
  // - roll call: a row visibly selected (/ then Enter, or the arrows) takes P, V and A; ↑ ↓ move;
  // - Esc always returns to the floor keys.
  var selectedRowId = null;

  function rows() {
    return Array.prototype.filter.call(document.querySelectorAll("[data-row]"), function (row) {
      return !row.hidden;
    });
  }

  function selectRow(row) {
    selectedRowId = row ? row.id : null;
    document.querySelectorAll("[data-row].selected").forEach(function (r) { r.classList.remove("selected"); });
    if (row) {
      row.classList.add("selected");
      row.focus({ preventScroll: false });
    }
    showMode();
  }

  function selectedRow() {
    var row = selectedRowId && document.getElementById(selectedRowId);
    return row && row === document.activeElement ? row : null;
  }

  function showMode() {
    var mode = document.getElementById("key-mode");
    if (!mode) return;
    var row = selectedRow();
    body.classList.toggle("mode-rollcall", !!row);
    mode.textContent = row
      ? "Keys: roll call — " + row.getAttribute("aria-label").split(":")[0] +
        " · P present · V present and voting · A absent · ↑ ↓ move · Esc back to the floor keys"
      : "Keys: floor — N next speaker · Space start / pause · + add 30 s · O open the vote · " +
        "R accept a request · E end the caucus · / find a delegation";
  }

  function restoreFocus() {
    // A roll-call answer re-renders its row: the selection stays on it.
    if (!selectedRowId) return;
    var active = document.activeElement;
    if (active && active !== body && document.contains(active)) return;
    var row = document.getElementById(selectedRowId);
    if (row) {
      row.classList.add("selected");
      row.focus({ preventScroll: true });
    }
  }

  function applyFilter() {
    var input = document.getElementById("rollcall-filter");
    if (!input) return;
    var text = input.value.trim().toLowerCase();
    document.querySelectorAll("[data-row]").forEach(function (row) {
      row.hidden = text !== "" && row.dataset.name.indexOf(text) === -1;
    });
  }

  document.addEventListener("input", function (event) {
    if (event.target.id === "rollcall-filter") applyFilter();
  });
  document.addEventListener("focusin", function (event) {
    // A row that takes the focus (a click on its name, Tab) is selected; focus anywhere else (a
    // click on a button, even in that row) leaves the roll call mode.
    var target = event.target;
    if (target.matches && target.matches("[data-row]")) {
      if (target.id !== selectedRowId) selectRow(target);
      return;
    }
    if (selectedRowId) selectRow(null);
  });
  document.addEventListener("DOMContentLoaded", showMode);

  function typingIn(target) {
    if (!target.matches) return false;
    if (target.matches("textarea, select, [contenteditable]")) return true;
    return target.matches("input") && !target.matches("[type=checkbox], [type=radio], [type=button], [type=submit]");
  }

  function backToTheFloor() {
    var filter = document.getElementById("rollcall-filter");
    if (filter && filter.value) {
      filter.value = "";
      applyFilter();
    }
    selectRow(null);
    if (document.activeElement && document.activeElement !== body) document.activeElement.blur();
    showMode();
  }

  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    var filter = document.getElementById("rollcall-filter");
    if (!filter) return; // not the chair's dashboard
    var target = event.target;
    if (event.key === "Escape") {
      backToTheFloor();
      return;
    }
    if (target === filter && (event.key === "Enter" || event.key === "ArrowDown")) {
      event.preventDefault();
      selectRow(rows()[0] || null);
      return;
    }
    if (typingIn(target)) return;
    if (event.key === "/") {
      event.preventDefault();
      selectRow(null);
      filter.focus();
      filter.select();
      return;
    }
    var row = selectedRow();
    var key = event.key === " " ? " " : event.key.toLowerCase();
    if (row) {
      var list = rows();
      var index = list.indexOf(row);
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        event.preventDefault();
        var next = list[index + (event.key === "ArrowDown" ? 1 : -1)];
        if (next) selectRow(next);
        return;
      }
      var answer = row.querySelector('button[data-key="' + key + '"]');
      if (answer) {
        event.preventDefault();
        if (!answer.disabled) answer.click();
        return;
      }
    }
    // Keys of the floor: each region with keys says so (data-keys); its buttons carry theirs.
    // Space is the timer's key even on a focused button or checkbox (Enter still presses a button).
    var floorButton = document.querySelector('[data-keys] [data-key="' + (key === '"' ? "" : key) + '"]');
    if (floorButton && !floorButton.disabled) {
      event.preventDefault();
      floorButton.click();
    }
  });
})();
