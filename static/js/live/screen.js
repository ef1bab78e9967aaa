// The live page, part 3 of 3: what the screen does by itself. Countdowns run from their deadline;
// bars are drawn to their share; a phone marks its own delegation in shared regions; the chair's
// laptop beeps for a point and takes its keyboard; times typed as MUN says them are read back.
(function () {
  "use strict";
  var live = window.live;
  var body = document.body;

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
      ? live.word("keys_rollcall_head") + " — " + row.getAttribute("aria-label").split(":")[0] +
        " · " + live.word("keys_rollcall")
      : live.word("keys_floor");
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
    // A floor key whose button is disabled (the server unreachable) does nothing, and Space never
    // scrolls the dashboard (a chair pressing it means the timer, wherever the page stands).
    var floorButton = document.querySelector('[data-keys] [data-key="' + (key === '"' ? "" : key) + '"]');
    if (floorButton || key === " ") {
      event.preventDefault();
      if (floorButton && !floorButton.disabled) floorButton.click();
    }
  });

  live.format = format;
  live.updated.push(drawBars, alerts, restoreFocus, applyFilter, readTimers, markMine);

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
    output.textContent = seconds ? "= " + live.format(seconds * 1000) + " (" + words + ")" : "";
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
})();
