/* Folded answers on FAQ topic pages (<details class="rs-answer">).
 *
 * The page works without this file: the browser folds and unfolds <details>
 * itself. This adds what the browser does not do:
 * - an address that points at an answer (#question-id, from search, a
 *   related link or another site) opens that answer and shows its question;
 * - printing unfolds every answer (and folds them back afterwards).
 * No inline script or style: the page's Content-Security-Policy allows neither.
 */
(function () {
  "use strict";

  function openTarget() {
    var id = location.hash.slice(1);
    if (!id) return;
    try {
      id = decodeURIComponent(id);
    } catch (e) {
      return;
    }
    var target = document.getElementById(id);
    var answer = target && target.closest("details.rs-answer");
    if (!answer) return;
    if (!answer.open) answer.open = true;
    target.scrollIntoView({ block: "start" });
  }

  window.addEventListener("hashchange", openTarget);
  // A link to the answer the address already names fires no hashchange.
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest('a[href^="#"]');
    if (link && link.getAttribute("href") === location.hash) {
      window.setTimeout(openTarget, 0);
    }
  });
  openTarget();

  var unfolded = [];
  window.addEventListener("beforeprint", function () {
    document.querySelectorAll("details:not([open])").forEach(function (details) {
      details.open = true;
      unfolded.push(details);
    });
  });
  window.addEventListener("afterprint", function () {
    unfolded.forEach(function (details) {
      details.open = false;
    });
    unfolded = [];
  });
})();
