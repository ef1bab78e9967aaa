// The live page, part 1 of 3: the connection. Everything shown comes from the server as HTML; this
// file keeps the socket open (reconnecting, pinging), never swaps in a region older than the one shown,
// and runs every module's work after each update (live.updated). presses.js sends what a person
// presses; screen.js runs the countdowns, a phone's own marks and the chair's keyboard.
(function () {
  "use strict";
  var live = (window.live = { updated: [] });
  // What the scripts say, in the page's language (the page carries it: committee_tags.screen_words).
  var words = null;
  live.word = function (key) {
    if (!words) {
      var carried = document.getElementById("screen-words");
      words = carried ? JSON.parse(carried.textContent) : {};
    }
    return words[key] || key;
  };
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
  // A page away from the floor (a paper, a document) carries only some of the screen's regions: the
  // others are dropped here, not left to htmx to report as missing.
  function versionOf(el) {
    return el && el.hasAttribute && el.hasAttribute("data-v") ? Number(el.getAttribute("data-v")) : null;
  }
  function keepNewest(text) {
    if (text.indexOf("data-v=") < 0 && text.indexOf("hx-swap-oob") < 0) return text;
    var holder = document.createElement("template");
    holder.innerHTML = text;
    var changed = false;
    Array.prototype.slice.call(holder.content.children).forEach(function (incoming) {
      var current = incoming.id ? document.getElementById(incoming.id) : null;
      var outOfBand = incoming.hasAttribute("hx-swap-oob");
      if ((outOfBand && incoming.id && !current) || (versionOf(current) !== null && versionOf(current) >= versionOf(incoming))) {
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
  live.keepNewest = keepNewest;

  function setOnline(online, text) {
    body.classList.toggle("offline", !online);
    body.dataset.live = online ? "open" : "closed";
    var banner = document.getElementById("conn-banner");
    if (banner) {
      banner.hidden = online;
      if (text) banner.textContent = text;
    }
    // A live form's press is kept while offline (presses.js); a plain form would navigate nowhere.
    document.querySelectorAll("form:not([data-live]) button").forEach(function (button) {
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

  // A folded panel's part that is loaded each time it is opened ([data-load-on-open]: the chair's
  // statistics, a phone's chit addressees, those present at that moment), not pushed to every screen
  // on each change, and not read while folded. What was ticked stays ticked.
  document.addEventListener("toggle", function (event) {
    var panel = event.target;
    if (!panel.open || !panel.querySelectorAll) return;
    panel.querySelectorAll("[data-load-on-open]").forEach(function (slot) {
      if (slot.closest("details") !== panel) return;
      var ticked = Array.prototype.map.call(slot.querySelectorAll("input:checked"), function (box) {
        return box.name + "=" + box.value;
      });
      htmx.ajax("GET", slot.dataset.loadOnOpen, { target: slot, swap: "innerHTML" }).then(function () {
        slot.querySelectorAll("input[type=checkbox]").forEach(function (box) {
          if (ticked.indexOf(box.name + "=" + box.value) >= 0) box.checked = true;
        });
      });
    });
  }, true);

  // The extension retries only after 1006, 1011, 1012 and 1013. A screen must come back whatever
  // closed its socket (the server's idle timeout closes with 1000, a proxy or a laptop's sleep with
  // others), except the app's own 4xxx "no access" codes.
  var RETRIED_BY_THE_EXTENSION = [1006, 1011, 1012, 1013];
  var FLOODING = 4429, FLOODING_WAIT = 30000; // sent far too much: back once, half a minute later
  var retries = 0;
  var noAccess = false;
  document.addEventListener("htmx:wsClose", function (event) {
    var closed = event.detail && event.detail.event;
    if (!closed || closed.target !== currentSocket) return;
    currentSocket = null;
    var code = closed.code;
    if (code === FLOODING) {
      setOnline(false, live.word("flooding"));
      setTimeout(function () { if (socket) socket.reconnect(); }, FLOODING_WAIT);
      return;
    }
    if (code >= 4000) {
      noAccess = true;
      setOnline(false, live.word("no_access"));
      return;
    }
    setOnline(false, live.word("reconnecting"));
    if (RETRIED_BY_THE_EXTENSION.indexOf(code) < 0 && socket) {
      var delay = htmx.config.wsReconnectDelay(retries++);
      setTimeout(function () { socket.reconnect(); }, delay);
    }
  });
  document.addEventListener("htmx:wsOpen", function () { retries = 0; });
  // The browser knows first when the network is gone or back (a socket can stall for seconds).
  window.addEventListener("offline", function () {
    if (!socket || noAccess) return;
    currentSocket = null;
    setOnline(false, live.word("reconnecting"));
  });
  window.addEventListener("online", function () {
    if (socket && !noAccess && body.dataset.live !== "open") socket.reconnect();
  });

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
      live.pressAnswered(message.slice(13, -3)); // a press sent over the socket was answered
    }
  });
  setInterval(function () {
    if (!socket || noAccess || body.dataset.live !== "open") return;
    if (Date.now() - heard > SILENT_FOR) {
      currentSocket = null; // its close, whenever it comes, is ours
      setOnline(false, live.word("reconnecting"));
      socket.reconnect();
      return;
    }
    sendNow({ command: "ping" });
  }, PING_EVERY);

  // After every update (and once the page is read): each module's work, then buttons swapped in while
  // offline stay disabled too.
  live.afterUpdate = function () {
    live.updated.forEach(function (work) { work(); });
    if (body.classList.contains("offline")) setOnline(false);
  };
  document.addEventListener("DOMContentLoaded", live.afterUpdate);
  document.addEventListener("htmx:wsAfterMessage", live.afterUpdate);

  live.send = sendNow;
  live.resync = resync;
  live.isOnline = function () { return !!socket && body.dataset.live === "open"; };
  live.pressAnswered = function () {}; // presses.js: a press sent over the socket was answered
})();
