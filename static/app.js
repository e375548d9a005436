// Small progressive enhancements; every page works without them.
(function () {
  "use strict";

  // Copy an invite or share link to the clipboard.
  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-copy]");
    if (!button) return;
    var input = document.querySelector(button.getAttribute("data-copy"));
    if (!input) return;
    input.select();
    var copied = function () {
      button.textContent = "Copied";
      setTimeout(function () { button.textContent = "Copy link"; }, 2000);
    };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(input.value).then(copied, function () {
        document.execCommand("copy");
        copied();
      });
    } else {
      document.execCommand("copy");
      copied();
    }
  });

  // Move focus to the first field with an error, so keyboard and screen-reader users land there.
  function focusFirstError(root) {
    var invalid = (root || document).querySelector("[aria-invalid='true']");
    if (invalid) invalid.focus();
  }

  // Offer the browser's timezone on sign-up.
  function fillTimezone() {
    document.querySelectorAll("[data-browser-timezone]").forEach(function (input) {
      if (!input.value && window.Intl) {
        input.value = Intl.DateTimeFormat().resolvedOptions().timeZone || "";
      }
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    fillTimezone();
    focusFirstError(document);
  });
  document.addEventListener("htmx:after:swap", function (event) {
    focusFirstError(event.target);
  });
})();
