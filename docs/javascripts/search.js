// Site search with Pagefind, in a dialog opened by the header button, by any
// element with data-rs-search-open, by a page's own search form
// (form[data-rs-search-form]), or by pressing "/".
//
// What a reader pays for: nothing until the search is first opened; then
// Pagefind's search module and, per query, the few index chunks its words
// need. Pagefind's ready-made UI is not used: this small result list saves a
// phone about 30 KB, and a query runs only once typing pauses, so the letters
// of a half-typed word do not each fetch index chunks that will not be used.
(function () {
  "use strict";
  var dialog = document.getElementById("rs-search");
  if (!dialog) return;
  var form = dialog.querySelector(".rs-search__form");
  var input = dialog.querySelector(".rs-search__input");
  var status = dialog.querySelector(".rs-search__status");
  var list = dialog.querySelector(".rs-search__results");
  var more = dialog.querySelector(".rs-search__more");
  var PER_BATCH = 5; // results shown at once; "More results" shows the next ones
  var SUB_RESULTS = 3; // sections (FAQ questions) shown under a page
  var EXCERPT_WORDS = 30; // an answer's excerpt, as long as Pagefind's own
  var PAUSE_MS = 300;
  var pagefind = null;
  var current = null;
  var timer = null;
  // The site's words in the page's language (messages/<language>.yml, search.* keys),
  // given by the template as data-messages; English if a page has none.
  var MESSAGES = {};
  try {
    MESSAGES = JSON.parse(dialog.dataset.messages || "{}");
  } catch (e) {
    MESSAGES = {};
  }
  var ENGLISH = {
    kind_faq: "Questions and answers",
    kind_answer: "Questions and answers: {topic}",
    kind_articles: "Article",
    kind_stories: "Story",
    count_one: "{count} result for \u201c{term}\u201d",
    count_many: "{count} results for \u201c{term}\u201d",
    none: "No results for \u201c{term}\u201d. Try another word.",
    searching: "Searching\u2026",
    unavailable: "Search is not available right now. The menu and the list of questions lead to every answer.",
  };

  // A message with its {placeholders} filled in (values are text, never HTML).
  function say_(key, values) {
    var text = MESSAGES[key] || ENGLISH[key] || key;
    return text.replace(/\{(\w+)\}/g, function (whole, name) {
      return values && name in values ? String(values[name]) : whole;
    });
  }

  function absolute(path) {
    return new URL(path, document.baseURI);
  }

  function load() {
    // The offline edition, opened from disk, has its own index (offline-search.js).
    if (!pagefind && window.rsOfflineSearch) pagefind = Promise.resolve(window.rsOfflineSearch);
    if (!pagefind) {
      var bundle = absolute(dialog.dataset.bundle).href;
      var baseUrl = absolute((dialog.dataset.base || ".") + "/").pathname;
      pagefind = import(bundle + "pagefind.js")
        .then(function (module) {
          return module.options({ baseUrl: baseUrl }).then(function () {
            return module;
          });
        })
        .catch(function (error) {
          pagefind = null; // a dropped connection: try again on the next query
          throw error;
        });
    }
    return pagefind;
  }

  // Pagefind marks the words found with <mark>. Keep those and plain text
  // only: the excerpt is parsed in an inert document, never inserted as HTML.
  function excerpt(html) {
    var p = document.createElement("p");
    p.className = "rs-result__excerpt";
    var parsed = new DOMParser().parseFromString(html || "", "text/html");
    parsed.body.childNodes.forEach(function (node) {
      if (node.nodeName === "MARK") {
        var mark = document.createElement("mark");
        mark.textContent = node.textContent;
        p.appendChild(mark);
      } else {
        p.appendChild(document.createTextNode(node.textContent));
      }
    });
    return p;
  }

  // An answer's record starts with its question, which is already the result's
  // title: its excerpt is taken from the answer after it, around the first word
  // found there, as Pagefind makes its own (content split on spaces, words found
  // given by their positions). Built from text nodes only, as above.
  function answerExcerpt(data, question) {
    var p = document.createElement("p");
    p.className = "rs-result__excerpt";
    var words = (data.content || "").split(/\s+/).filter(Boolean);
    var skip = question.split(/\s+/).filter(Boolean).length;
    var found = {};
    (data.locations || []).forEach(function (at) {
      found[at] = true;
    });
    var first = (data.locations || []).filter(function (at) {
      return at >= skip;
    })[0];
    var start = first === undefined ? skip : Math.max(skip, first - 5);
    var end = Math.min(words.length, start + EXCERPT_WORDS);
    if (start > skip) p.appendChild(document.createTextNode("… "));
    for (var i = start; i < end; i += 1) {
      if (i > start) p.appendChild(document.createTextNode(" "));
      if (found[i]) {
        var mark = document.createElement("mark");
        mark.textContent = words[i];
        p.appendChild(mark);
      } else {
        p.appendChild(document.createTextNode(words[i]));
      }
    }
    if (end < words.length) p.appendChild(document.createTextNode(" …"));
    return p;
  }

  function link(url, text, className) {
    var a = document.createElement("a");
    a.href = url;
    a.className = className;
    a.textContent = text;
    return a;
  }

  // Two pages may share a title (an article and the FAQ on one subject): say which is which.
  var KINDS = { faq: say_("kind_faq"), articles: say_("kind_articles"), stories: say_("kind_stories") };

  function kind(url) {
    var base = absolute((dialog.dataset.base || ".") + "/").pathname;
    var path = absolute(url).pathname;
    var first = path.indexOf(base) === 0 ? path.slice(base.length).split("/")[0] : "";
    return KINDS[first] || "";
  }

  function resultItem(data) {
    var item = document.createElement("li");
    item.className = "rs-result";
    var pageTitle = (data.meta && data.meta.title) || data.url;
    var title = document.createElement("h3");
    title.className = "rs-result__title";
    title.appendChild(link(data.url, pageTitle, "rs-result__link"));
    // A composite story says so in the results too, not only on its page.
    var composite = data.meta && data.meta.basis === "composite";
    var label = composite ? say_("kind_composite") : kind(data.url);
    // An answer names its topic; a composite story's label always wins (honesty).
    if (!composite && data.meta && data.meta.topic) {
      label = say_("kind_answer", { topic: data.meta.topic });
    }
    if (label) {
      var small = document.createElement("span");
      small.className = "rs-result__kind";
      small.textContent = label;
      title.appendChild(small);
    }
    item.appendChild(title);
    // An FAQ answer is a result of its own (search_index.py): its link is the
    // question's deep link, its title the question, its meta the topic's name.
    // Other pages link each section that has an anchor (a heading with an id).
    var answer = Boolean(!composite && data.meta && data.meta.topic);
    var sections = answer
      ? []
      : (data.sub_results || []).filter(function (sub) {
          return sub.url.indexOf("#") !== -1 && sub.title !== pageTitle;
        });
    if (answer) {
      item.appendChild(answerExcerpt(data, pageTitle));
      return item;
    }
    if (!sections.length) {
      item.appendChild(excerpt(data.excerpt));
      return item;
    }
    var subs = document.createElement("ul");
    subs.className = "rs-result__sections";
    sections.slice(0, SUB_RESULTS).forEach(function (sub) {
      var li = document.createElement("li");
      li.appendChild(link(sub.url, sub.title, "rs-result__link rs-result__link--section"));
      li.appendChild(excerpt(sub.excerpt));
      subs.appendChild(li);
    });
    item.appendChild(subs);
    return item;
  }

  function say(text) {
    status.textContent = text;
  }

  function showMore() {
    var search = current;
    var batch = search.results.slice(search.shown, search.shown + PER_BATCH);
    search.shown += batch.length;
    return Promise.all(
      batch.map(function (result) {
        return result.data();
      })
    ).then(function (items) {
      if (current !== search) return;
      items.forEach(function (data) {
        list.appendChild(resultItem(data));
      });
      var count = search.results.length;
      say(
        count
          ? say_(count === 1 ? "count_one" : "count_many", { count: count, term: search.term })
          : say_("none", { term: search.term })
      );
      more.hidden = search.shown >= count;
    });
  }

  function run(term) {
    say(say_("searching"));
    return load()
      .then(function (module) {
        return module.search(term);
      })
      .then(function (found) {
        if (!found || input.value.trim() !== term) return; // a newer query is coming
        current = { term: term, results: found.results, shown: 0 };
        list.replaceChildren();
        return showMore();
      })
      .catch(function () {
        say(say_("unavailable"));
      });
  }

  function queue() {
    clearTimeout(timer);
    var term = input.value.trim();
    if (term.length < 2) {
      current = null;
      list.replaceChildren();
      more.hidden = true;
      say("");
      return;
    }
    timer = setTimeout(function () {
      run(term);
    }, PAUSE_MS);
  }

  function open() {
    if (!dialog.open) dialog.showModal();
    input.focus();
    load(); // fetch the search module while the reader types
  }

  input.addEventListener("input", queue);
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    clearTimeout(timer);
    var term = input.value.trim();
    if (term.length >= 2) run(term);
  });
  // A result on the page already open (an answer further down) only moves to
  // its anchor: the dialog closes, or it would hide the answer.
  list.addEventListener("click", function (event) {
    if (event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey) return;
    var target = event.target.closest && event.target.closest("a");
    if (target && dialog.open) dialog.close();
  });
  more.addEventListener("click", function () {
    if (!current) return;
    var first = list.children.length;
    showMore().then(function () {
      // Keyboard readers continue from the first new result.
      var next = list.children[first] && list.children[first].querySelector("a");
      if (next) next.focus();
    });
  });
  document.querySelectorAll(".rs-search-open, [data-rs-search-open]").forEach(function (el) {
    el.addEventListener("click", open);
  });
  // A search box on the page itself (the home page): its words go to the dialog.
  document.querySelectorAll("form[data-rs-search-form]").forEach(function (pageForm) {
    pageForm.addEventListener("submit", function (event) {
      event.preventDefault();
      var box = pageForm.querySelector("input[type=search]");
      input.value = box ? box.value : "";
      open();
      clearTimeout(timer);
      var term = input.value.trim();
      if (term.length >= 2) run(term);
    });
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
