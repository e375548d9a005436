// Small progressive enhancements; every page works without them.
(function () {
  "use strict";

  // htmx names its events with its meta character: "htmx:after:swap" becomes
  // "htmx_after_swap" under our metaCharacter "_" (see the htmx-config meta tag).
  function onHtmx(name, handler) {
    document.addEventListener(name, handler);
    document.addEventListener(name.replace(/:/g, "_"), handler);
  }

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

  // Never let an update replace a form someone is typing in. An open edit form ([data-keep]
  // with class "editing"), or an add form with text in it, is kept as it is: htmx's
  // hx-preserve swaps the new copy for the existing element. A form is not kept from its
  // own request's answer (saving or adding replaces it on purpose).
  function isDirty(form) {
    return Array.prototype.some.call(form.querySelectorAll("input, textarea, select"), function (el) {
      if (el.type === "hidden") return false;
      if (el.type === "checkbox" || el.type === "radio") return el.checked !== el.defaultChecked;
      return el.value !== el.defaultValue;
    });
  }
  function staleCopies(fragment) {
    return Array.prototype.filter.call(fragment.querySelectorAll("[data-rev][id]"), function (fresh) {
      var current = document.getElementById(fresh.id);
      return current && Number(current.getAttribute("data-rev")) > Number(fresh.getAttribute("data-rev"));
    });
  }

  onHtmx("htmx:before:swap", function (event) {
    var detail = event.detail || {};
    var source = detail.ctx && detail.ctx.sourceElement;
    var tasks = detail.tasks || [];
    // An answer rendered before a newer change (a slow poll) must not put older content back:
    // a stale swap of a whole element is dropped, a stale element inside one is kept as shown.
    for (var i = tasks.length - 1; i >= 0; i--) {
      var task = tasks[i];
      var stale = task.fragment ? staleCopies(task.fragment) : [];
      var whole = stale.some(function (fresh) { return task.target && task.target.id === fresh.id; });
      if (whole) {
        tasks.splice(i, 1);
      } else {
        stale.forEach(function (fresh) { fresh.setAttribute("hx-preserve", ""); });
      }
    }
    tasks.forEach(function (task) {
      if (!task.fragment) return;
      document.querySelectorAll("[data-keep][id]").forEach(function (kept) {
        if (source && kept.contains(source)) return;
        if (!kept.classList.contains("editing") && !isDirty(kept)) return;
        var fresh = task.fragment.querySelector("#" + CSS.escape(kept.id));
        if (fresh) fresh.setAttribute("hx-preserve", "");
      });
    });
  });

  // A live update can redraw the part an answer is for while its request runs; htmx would
  // then drop the answer (its target left the page), and the person's own change never
  // showed, nor did its form empty. The answer goes to the element with that id now.
  onHtmx("htmx:after:request", function (event) {
    var ctx = (event.detail || {}).ctx;
    var target = ctx && ctx.target;
    if (!target || target.isConnected !== false || !target.id) return;
    var current = document.getElementById(target.id);
    if (current) ctx.target = current;
  });

  // Copy buttons need JavaScript, so they start hidden and appear only when it runs.
  function showCopyButtons(root) {
    (root || document).querySelectorAll("[data-copy][hidden]").forEach(function (button) {
      button.hidden = false;
    });
  }

  // A form marked data-keep-typed keeps what was typed when the connection drops (htmx
  // swaps nothing then) and says so; sending it again works.
  onHtmx("htmx:error", function (event) {
    var ctx = (event.detail || {}).ctx || {};
    var source = ctx.sourceElement || event.target;
    var form = source && source.closest && source.closest("form[data-keep-typed]");
    var status = form && form.querySelector("[data-status]");
    if (status) {
      status.textContent = "Not saved: the connection dropped. Your text is still here; " +
        "tap the button again to save it.";
    }
  });

  // A plan part opened or closed is remembered for this person: its fold form (inside the
  // part) is sent with the new state, and answers with itself saying that state. The toggle
  // event also fires for parts rendered open; those already match and send nothing.
  document.addEventListener("toggle", function (event) {
    var details = event.target;
    if (!details.matches || !details.matches("details.part-fold")) return;
    var form = details.querySelector(".fold-form");
    var want = details.open ? "no" : "yes";
    if (!form || form.getAttribute("data-folded") === want) return;
    // "Add a goal" opens an empty list's part ready to type its first item (one tap less).
    if (details.open && details.hasAttribute("data-add-on-open")) {
      var first = details.querySelector(".add-form input:not([type='hidden']), .add-form textarea");
      if (first) first.focus();
    }
    form.querySelector("[name='folded']").value = want;
    form.setAttribute("data-folded", want);
    form.requestSubmit();
  }, true);
  // The fold button (rather than the part's own toggle) folds the part on the page too.
  function syncFolds() {
    document.querySelectorAll(".fold-form").forEach(function (form) {
      var details = form.closest("details.part-fold");
      if (details) details.open = form.getAttribute("data-folded") !== "yes";
    });
  }
  // A length hint ("Up to 300 characters.") counts down while typing, so the limit is
  // seen before the browser's maxlength stops the typing.
  function limitHint(field) {
    var ids = (field.getAttribute("aria-describedby") || "").split(" ");
    for (var i = 0; i < ids.length; i++) {
      var hint = ids[i] && document.getElementById(ids[i]);
      if (hint && hint.hasAttribute("data-limit")) return hint;
    }
    return null;
  }
  document.addEventListener("input", function (event) {
    var field = event.target;
    if (!field.hasAttribute || !field.hasAttribute("maxlength")) return;
    var hint = limitHint(field);
    if (!hint) return;
    var limit = Number(hint.getAttribute("data-limit"));
    var left = limit - field.value.length;
    hint.textContent = "Up to " + limit.toLocaleString("en") + " characters: " +
      left.toLocaleString("en") + (left === 1 ? " is" : " are") + " left.";
  });
  // Busy buttons: while a request runs, the button that sent it is disabled and says so
  // (aria-busy: Pico draws a spinner, screen readers hear "busy"), so a second tap cannot
  // send it again. The server also answers a repeat with the first result (one-time keys).
  function setBusy(button, busy) {
    if (!button || !button.matches || !button.matches("button, input[type=submit]")) return;
    if (busy) {
      button.setAttribute("aria-busy", "true");
      button.setAttribute("data-busy", "");
      button.disabled = true;
    } else if (button.hasAttribute("data-busy")) {
      button.removeAttribute("aria-busy");
      button.removeAttribute("data-busy");
      button.disabled = false;
    }
  }
  function submitButton(form) {
    return form && form.querySelector && form.querySelector("[type=submit], button:not([type])");
  }
  function requestButton(ctx) {
    var source = ctx && ctx.sourceElement;
    var submitter = ctx && ctx.sourceEvent && ctx.sourceEvent.submitter;
    if (submitter) return submitter;
    if (source && source.matches && source.matches("button, input[type=submit]")) return source;
    return source && source.matches && source.matches("form") ? submitButton(source) : null;
  }
  onHtmx("htmx:before:request", function (event) {
    setBusy(requestButton((event.detail || {}).ctx), true);
  });
  onHtmx("htmx:finally:request", function (event) {
    setBusy(requestButton((event.detail || {}).ctx), false);
  });
  // Without htmx (or a form it does not handle) the browser sends the form: the button is
  // disabled just after, so its own name and value still go with the form.
  document.addEventListener("submit", function (event) {
    var button = event.submitter || submitButton(event.target);
    setTimeout(function () {
      if (!event.defaultPrevented) setBusy(button, true);
    }, 0);
  });
  // Back to a page kept in the browser's memory: its buttons work again.
  window.addEventListener("pageshow", function () {
    document.querySelectorAll("[data-busy]").forEach(function (button) {
      setBusy(button, false);
    });
  });

  document.addEventListener("DOMContentLoaded", function () {
    showCopyButtons(document);
    fillTimezone();
    focusFirstError(document);
  });
  onHtmx("htmx:after:swap", function (event) {
    showCopyButtons(document);
    syncFolds();
    focusFirstError(event.target);
  });
})();
