// The projector only: a draft longer than its screen, shown a screen at a time (the resolutions'
// "scripts" section of the projector's page, after static/js/live/connection.js: live.updated runs it).
(function () {
  "use strict";
  // ---- A draft longer than the projector's screen ------------------------------------------------
  // The chair pages it: data-from-clause is operative clause N (0: the top), data-page the screens
  // further. A screen ends at a whole line: the next starts at the first clause or sub-clause that did
  // not fit whole, so no line is cut in two or skipped, whatever the projector's size.
  function ownBottom(line) {
    var sub = line.querySelector(":scope > ol");
    return sub ? sub.offsetTop : line.offsetTop + line.offsetHeight;
  }
  function pageDrafts() {
    document.querySelectorAll("[data-paged]").forEach(function (box) {
      var lines = Array.prototype.slice.call(box.querySelectorAll(".preamble, ol.operative li"));
      var clause = Number(box.dataset.fromClause || 0);
      var start = clause ? box.querySelector('ol.operative > li[value="' + clause + '"]') : null;
      var top = start ? start.offsetTop : 0;
      var height = box.clientHeight;
      // Room below the last line, so that any clause can be shown at the top of the screen.
      box.firstElementChild.style.paddingBottom = height + "px";
      var end = lines.length ? lines[lines.length - 1].offsetTop + lines[lines.length - 1].offsetHeight : 0;
      function firstCut() {
        return lines.filter(function (line) {
          return line.offsetTop > top && ownBottom(line) > top + height;
        })[0];
      }
      for (var page = Number(box.dataset.page || 0); page > 0; page--) {
        var next = firstCut();
        if (!next) break; // the rest fits: this is the last screen
        top = next.offsetTop;
      }
      box.scrollTop = top;
      var cut = firstCut(); // a line the screen cannot show whole waits for the next screen
      box.style.clipPath = cut ? "inset(0 0 " + (height - (cut.offsetTop - top)) + "px 0)" : "";
      var more = box.parentNode.querySelector(".draft-more");
      if (more) more.textContent = top + height < end - 2 ? "Continues ▼" : "End of the text";
    });
  }
  window.addEventListener("resize", pageDrafts);
  window.live.updated.push(pageDrafts);
})();
