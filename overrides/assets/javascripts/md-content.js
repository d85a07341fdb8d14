// Opens the content tab a link points to (Material's inline script, moved to a file
// for the Content-Security-Policy).
(function () {
  var target = document.getElementById(location.hash.slice(1));
  if (target instanceof HTMLInputElement && target.name) target.checked = target.name.indexOf("__tabbed_") === 0;
})();
// The menu drawer and the search start closed. Material marks these toggles
// autocomplete="off" so that Firefox does not restore them ticked on reload; that is
// invalid HTML on a checkbox, so the markup hook drops it and this does the job.
(function () {
  for (var id of ["__drawer", "__search"]) {
    var toggle = document.getElementById(id);
    if (toggle instanceof HTMLInputElement) toggle.checked = false;
  }
})();
