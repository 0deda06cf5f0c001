// Search results reachable with the Tab key.
// Material moves through search results with the arrow keys only: leaving the
// search box with Tab closes the search. Keyboard users expect Tab to go from
// the box into the results and on from one result to the next, so while the
// search is open Tab and Shift+Tab act as Down and Up. Tab on the last result
// (or Escape) leaves the search as before, so focus is never trapped.
(function () {
  "use strict";
  var search = document.querySelector(".md-search");
  var toggle = document.querySelector('[data-md-toggle="search"]');
  if (!search || !toggle) return;
  window.addEventListener(
    "keydown",
    function (event) {
      if (event.key !== "Tab" || !toggle.checked) return;
      if (!search.contains(document.activeElement)) return;
      var results = search.querySelectorAll(
        ".md-search-result__item > a, .md-search-result__more > summary"
      );
      if (!results.length) return;
      var last = results[results.length - 1];
      if (!event.shiftKey && document.activeElement === last) return;
      event.preventDefault();
      event.stopImmediatePropagation();
      var key = event.shiftKey ? "ArrowUp" : "ArrowDown";
      window.dispatchEvent(new KeyboardEvent("keydown", { key: key, bubbles: true }));
    },
    true
  );
})();
