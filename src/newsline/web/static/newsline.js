// newsline pages: small enhancements; everything works without this file.
(function () {
  "use strict";

  var EXAMPLE = "date 2025-12-13\n" +
    "SEOUL - North Korea sent about 1,000 troops to the front line earlier this year, " +
    "leader Kim Jong Un said in a speech on Saturday. On Friday, Kim met the returning " +
    "engineers in Pyongyang.\n\nIn September, Kim appeared alongside Xi Jinping at a " +
    "military parade in Beijing. The deployment that started in August will end next month.";

  function each(selector, fn) {
    Array.prototype.forEach.call(document.querySelectorAll(selector), fn);
  }

  // "Try an example" fills the form with a short article.
  var example = document.getElementById("example");
  var text = document.getElementById("text");
  if (example && text) {
    example.hidden = false;
    example.addEventListener("click", function () {
      text.value = EXAMPLE;
      text.focus();
    });
  }

  // A mark in the text and its timeline entry light up together.
  function pair(mark, entry, on) {
    mark.classList.toggle("active", on);
    if (entry) { entry.classList.toggle("active", on); }
  }
  each("mark[data-entry]", function (mark) {
    var entry = document.getElementById(mark.getAttribute("data-entry"));
    ["mouseenter", "focus"].forEach(function (name) {
      mark.addEventListener(name, function () { pair(mark, entry, true); });
    });
    ["mouseleave", "blur"].forEach(function (name) {
      mark.addEventListener(name, function () { pair(mark, entry, false); });
    });
    // Enter on a listed event scrolls its entry into view.
    mark.addEventListener("keydown", function (event) {
      if (event.key === "Enter" && entry) {
        entry.scrollIntoView({block: "nearest"});
        var link = entry.querySelector("a");
        if (link) { link.focus(); }
      }
    });
  });
  each("ol.timeline li.entry", function (entry) {
    var link = entry.querySelector(".what a");
    if (!link) { return; }
    var mark = document.getElementById(link.getAttribute("href").slice(1));
    if (!mark) { return; }
    ["mouseenter", "focusin"].forEach(function (name) {
      entry.addEventListener(name, function () { pair(mark, entry, true); });
    });
    ["mouseleave", "focusout"].forEach(function (name) {
      entry.addEventListener(name, function () { pair(mark, entry, false); });
    });
    link.addEventListener("click", function (event) {
      event.preventDefault();
      mark.scrollIntoView({block: "center"});
      mark.focus({preventScroll: true});
    });
  });

  // Escape hides a tooltip shown by focus.
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && document.activeElement && document.activeElement.tagName === "MARK") {
      document.activeElement.blur();
    }
  });
})();
