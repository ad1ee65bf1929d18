// The claim linter panel on the article admin page: refuse a triage click while the article
// form has unsaved changes, because triage works on the saved text and reloads the page.
(function () {
  "use strict";

  function start() {
    var article = document.querySelector("#content-main form[id$='_form']");
    var warning = document.getElementById("linter-unsaved");
    if (!article || !warning) {
      return;
    }
    var dirty = false;
    function markDirty(event) {
      // Only the editor's own typing in the article's fields counts: admin widgets fire
      // events while they start, and the triage controls belong to their own forms.
      if (event.isTrusted && event.target.form === article) {
        dirty = true;
      }
    }
    article.addEventListener("input", markDirty);
    article.addEventListener("change", markDirty);
    document.addEventListener("click", function (event) {
      var button = event.target.closest("[data-lint-guard]");
      if (!button || !dirty) {
        return;
      }
      event.preventDefault();
      warning.hidden = false;
      warning.scrollIntoView({ block: "center" });
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
