// Load the vendored htmx when the CDN copy did not arrive (offline, blocked, or SRI mismatch).
(function () {
  if (window.htmx) return;
  var me = document.currentScript;
  var local = document.createElement("script");
  local.src = me.getAttribute("data-local");
  document.head.appendChild(local);
})();
