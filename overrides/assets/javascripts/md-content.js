// Opens the content tab a link points to (Material's inline script, moved to a file
// for the Content-Security-Policy).
(function () {
  var target = document.getElementById(location.hash.slice(1));
  if (target && target.name) target.checked = target.name.indexOf("__tabbed_") === 0;
})();
