// Shows the reader's colour palette while the page is parsed (Material's inline script, moved to a
// file for the Content-Security-Policy, and taking the same choice as Material's switch).
//
// It sits right after the palette switch in the header, so it runs while the page is still
// being parsed. Material's inline script applied only a palette the reader had saved; on a
// first visit, Material's bundle chose the palette whose media query the system matches
// only once it had run, after the page was shown, so a reader whose system is dark saw the
// light palette first, and the switch appeared late. This makes the same choice as the
// bundle (the saved palette, else the first that matches the system), and shows that
// palette's switch, so the bundle's switch then changes nothing the reader sees.
(function () {
  var form = document.querySelector("form[data-md-component='palette']");
  if (!form) return;
  /** @type {HTMLInputElement[]} */
  var inputs = Array.prototype.slice.call(form.querySelectorAll("input.md-option"));
  if (!inputs.length) return;
  var saved = __md_get("__palette");
  var index = saved && typeof saved.index === "number"
    ? Math.max(0, Math.min(saved.index, inputs.length - 1))
    : Math.max(0, inputs.findIndex(function (input) { return matchMedia(input.getAttribute("data-md-color-media") || "").matches; }));
  var input = inputs[index];
  // Material's "automatic" palette takes its colours from the palette that matches the system.
  var source = input;
  if (input.getAttribute("data-md-color-media") === "(prefers-color-scheme)") {
    source = document.querySelector(matchMedia("(prefers-color-scheme: light)").matches
      ? "[data-md-color-media='(prefers-color-scheme: light)']"
      : "[data-md-color-media='(prefers-color-scheme: dark)']") || input;
  }
  document.body.setAttribute("data-md-color-media", input.getAttribute("data-md-color-media") || "");
  for (var key of ["scheme", "primary", "accent"]) {
    var value = source.getAttribute("data-md-color-" + key);
    if (value !== null) document.body.setAttribute("data-md-color-" + key, value);
  }
  // Each palette's switch (the label after its input) leads to the next palette.
  for (var i = 0; i < inputs.length; i++) {
    var label = inputs[i].nextElementSibling;
    if (label instanceof HTMLElement) label.hidden = i !== index;
  }
})();
