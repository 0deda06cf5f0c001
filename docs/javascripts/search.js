// Site search with Pagefind, in a dialog opened by the header button, by any
// element with data-rs-search-open, or by pressing "/". Pagefind's script,
// styles and index load only when the search is first opened, so a visit
// without a search costs nothing for search beyond this small file.
(function () {
  "use strict";
  var dialog = document.getElementById("rs-search");
  if (!dialog) return;
  var loading = null;

  function absolute(path) {
    return new URL(path, document.baseURI);
  }

  function load() {
    if (loading) return loading;
    var bundle = absolute(dialog.dataset.bundle).href;
    var basePath = absolute((dialog.dataset.base || ".") + "/").pathname;
    loading = new Promise(function (resolve, reject) {
      var css = document.createElement("link");
      css.rel = "stylesheet";
      css.href = bundle + "pagefind-ui.css";
      document.head.appendChild(css);
      var script = document.createElement("script");
      script.src = bundle + "pagefind-ui.js";
      script.onload = resolve;
      script.onerror = reject;
      document.head.appendChild(script);
    }).then(function () {
      /* global PagefindUI */
      new PagefindUI({
        element: "#rs-search-ui",
        bundlePath: bundle,
        baseUrl: basePath,
        showSubResults: true,
        showImages: false,
        resetStyles: false,
        pageSize: 5,
        translations: { placeholder: "Search for an answer" },
      });
    });
    return loading;
  }

  function open() {
    if (!dialog.open) dialog.showModal();
    load().then(function () {
      var input = dialog.querySelector("input");
      if (input) input.focus();
    });
  }

  document.querySelectorAll(".rs-search-open, [data-rs-search-open]").forEach(function (el) {
    el.addEventListener("click", open);
  });
  document.addEventListener("keydown", function (event) {
    var target = event.target;
    var typing = /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName) || target.isContentEditable;
    if (event.key === "/" && !dialog.open && !typing && !event.ctrlKey && !event.metaKey) {
      event.preventDefault();
      event.stopPropagation();
      open();
    }
  });
  // A click on the backdrop (outside the dialog box) closes it.
  dialog.addEventListener("click", function (event) {
    if (event.target === dialog) dialog.close();
  });
})();
