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

  document.addEventListener("htmx:wsOpen", function () {
    setOnline(true);
  });

  document.addEventListener("htmx:wsClose", function (event) {
    var code = event.detail && event.detail.event ? event.detail.event.code : 0;
    if (code >= 4000) {
      setOnline(false, "Disconnected: this screen no longer has access. Reload after fixing the link.");
    } else {
      setOnline(false, "Reconnecting… the screen updates by itself when the connection is back.");
    }
  });

  // New buttons swapped in while offline must stay disabled too.
  function afterUpdate() {
    if (body.classList.contains("offline")) setOnline(false);
    restoreFocus();
    applyFilter();
  }
  document.addEventListener("htmx:wsAfterMessage", afterUpdate);

  // Floor actions: POST the form, then apply the regions of the answer (and its message) to the
  // page. Done here rather than with hx-post because a live update may replace the form while its
  // request is in flight, and htmx would then apply the answer to the detached form.
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.matches("form[data-live]")) return;
    event.preventDefault();
    var submitter = event.submitter;
    var question = form.dataset.confirm;
    if (question && !window.confirm(question)) return;
    if (form.dataset.busy) return; // a double click sends once
    form.dataset.busy = "1";
    // URL-encoded: a form rendered by a broadcast has no CSRF field (the header carries the token).
    var data = new URLSearchParams(new FormData(form, submitter));
    fetch(form.action, {
      method: "POST",
      body: data,
      credentials: "same-origin",
      headers: { "HX-Request": "true", "X-CSRFToken": csrfToken() },
    }).then(function (response) {
      return response.text().then(function (text) {
        if (response.status >= 500) throw new Error("server");
        htmx.swap(document.body, text, { swapStyle: "none" });
        afterUpdate();
      });
    }).catch(function (error) {
      showFlash(error && error.message === "server"
        ? "The server could not do that: nothing was changed. Try again."
        : "Could not reach the server: nothing was changed. Check the Wi-Fi and try again.");
    }).finally(function () {
      delete form.dataset.busy;
    });
  });

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

  // ---- Chair's keyboard on the roll call -------------------------------------------------------
  var focusedRowId = null;

  function rows() {
    return Array.prototype.filter.call(document.querySelectorAll("[data-row]"), function (row) {
      return !row.hidden;
    });
  }

  function restoreFocus() {
    if (!focusedRowId) return;
    var active = document.activeElement;
    if (active && active !== body && document.contains(active)) return;
    var row = document.getElementById(focusedRowId);
    if (row) row.focus({ preventScroll: true });
  }

  function applyFilter() {
    var input = document.getElementById("rollcall-filter");
    if (!input) return;
    var text = input.value.trim().toLowerCase();
    document.querySelectorAll("[data-row]").forEach(function (row) {
      row.hidden = text !== "" && row.dataset.name.indexOf(text) === -1;
    });
  }

  document.addEventListener("focusin", function (event) {
    var row = event.target.closest && event.target.closest("[data-row]");
    if (row) focusedRowId = row.id;
  });

  document.addEventListener("input", function (event) {
    if (event.target.id === "rollcall-filter") applyFilter();
  });

  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    var target = event.target;
    var typing = target.matches && target.matches("input, textarea, select");
    var filter = document.getElementById("rollcall-filter");
    if (!filter) return;
    if (event.key === "/" && !typing) {
      event.preventDefault();
      filter.focus();
      filter.select();
      return;
    }
    if (target === filter) {
      if (event.key === "Enter" || event.key === "ArrowDown") {
        event.preventDefault();
        var first = rows()[0];
        if (first) first.focus();
      } else if (event.key === "Escape") {
        filter.value = "";
        applyFilter();
      }
      return;
    }
    if (typing) return;
    var row = target.closest && target.closest("[data-row]");
    if (!row) return;
    var list = rows();
    var index = list.indexOf(row);
    if (event.key === "ArrowDown" || event.key === "j") {
      event.preventDefault();
      if (list[index + 1]) list[index + 1].focus();
    } else if (event.key === "ArrowUp" || event.key === "k") {
      event.preventDefault();
      if (list[index - 1]) list[index - 1].focus();
    } else {
      var button = row.querySelector('button[data-key="' + event.key.toLowerCase() + '"]');
      if (button && !button.disabled) {
        event.preventDefault();
        focusedRowId = row.id;
        button.click();
      }
    }
  });
})();
