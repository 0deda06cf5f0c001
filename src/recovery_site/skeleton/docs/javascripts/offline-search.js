// Search for the offline edition (./scripts/build --offline), which readers
// open from disk. Pagefind cannot run there: Chromium blocks fetch, import()
// and workers on file:// pages. A <script src> still runs, so the index is a
// set of script files (written by `recovery-site offline`, see
// src/recovery_site/offline_index.py), each calling window.rsOfflineSearch.
//
// This object offers the part of Pagefind's API that search.js uses,
// search(term) -> {results: [{data()}]}, so the dialog, the results and their
// links to each FAQ question are the same as online. Nothing is loaded until
// a reader searches: then pages.js (titles) and one w-<letter>.js per word;
// a result's texts (t-<n>.js, for its excerpts) only when it is shown.
(function () {
  "use strict";
  // This file is javascripts/offline-search.js: the site's root is one folder up.
  var root = new URL("../", document.currentScript.src);
  var folder = new URL("search-offline/", root);
  var pages = []; // [url, title] per page
  var sections = []; // [page, anchor, title, words] per section (a heading with an id)
  var tables = {}; // letter -> {word: [section gap, count, ...]}
  var texts = {}; // page -> [section text, ...]
  var loading = {}; // file name -> Promise
  var MARKS = /[\u0300-\u036f]/g;
  var WORD = /[\p{L}\p{N}]+/gu;
  var EXCERPT_WORDS = 30;
  var BM25_K1 = 1.2;
  var BM25_B = 0.75;
  var averageLength = 1;

  // Folded and split exactly as offline_index.py folds and splits the pages.
  function fold(text) {
    return text.normalize("NFKD").replace(MARKS, "").toLowerCase();
  }

  function words(text) {
    return (fold(text).match(WORD) || []).filter(function (w) {
      return w.length > 1;
    });
  }

  function bucket(word) {
    return /^[a-z0-9]/.test(word) ? word[0] : "_";
  }

  function load(name) {
    if (!loading[name]) {
      loading[name] = new Promise(function (resolve, reject) {
        var script = document.createElement("script");
        script.src = new URL(name, folder).href;
        script.onload = resolve;
        script.onerror = function () {
          delete loading[name]; // try again on the next query
          reject(new Error("search index file not loaded: " + name));
        };
        document.head.appendChild(script);
      });
    }
    return loading[name];
  }

  // section -> score for one query word: the word itself, and longer words it
  // starts (as Pagefind matches "nalox" to "naloxone") at half weight, scored
  // with BM25 as Pagefind scores pages: rare words and short sections that are
  // about the word (an FAQ question) come first.
  function matches(term) {
    var table = tables[bucket(term)] || {};
    var counts = new Map();
    Object.keys(table).forEach(function (word) {
      if (word.lastIndexOf(term, 0) !== 0) return;
      var weight = word === term ? 1 : 0.5;
      var list = table[word];
      var section = 0;
      for (var i = 0; i < list.length; i += 2) {
        section += list[i];
        counts.set(section, (counts.get(section) || 0) + weight * list[i + 1]);
      }
    });
    var n = sections.length;
    var rarity = Math.log(1 + (n - counts.size + 0.5) / (counts.size + 0.5));
    var found = new Map();
    counts.forEach(function (tf, section) {
      var norm = 1 - BM25_B + (BM25_B * sections[section][3]) / averageLength;
      found.set(section, (rarity * tf * (BM25_K1 + 1)) / (tf + BM25_K1 * norm));
    });
    return found;
  }

  function escape(text) {
    return text.replace(/[&<>"]/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" }[c];
    });
  }

  // About 30 words around the first one searched for, those words in <mark>,
  // as Pagefind's excerpts (search.js keeps <mark> and plain text only).
  function excerpt(text, terms) {
    var spans = [];
    var match;
    WORD.lastIndex = 0;
    while ((match = WORD.exec(text))) spans.push([match.index, match.index + match[0].length]);
    var hit = function (span) {
      var word = fold(text.slice(span[0], span[1]));
      return terms.some(function (t) {
        return word.lastIndexOf(t, 0) === 0;
      });
    };
    var first = spans.findIndex(hit);
    var start = Math.max(0, first - 8);
    var shown = spans.slice(start, start + EXCERPT_WORDS);
    if (!shown.length) return "";
    var out = "";
    var at = shown[0][0];
    shown.forEach(function (span) {
      out += escape(text.slice(at, span[0]));
      var word = escape(text.slice(span[0], span[1]));
      out += hit(span) ? "<mark>" + word + "</mark>" : word;
      at = span[1];
    });
    return out;
  }

  function address(page, anchor) {
    return new URL(pages[page][0] + (anchor ? "#" + anchor : ""), root).href;
  }

  function result(page, score, found, terms) {
    return {
      score: score,
      data: function () {
        return load("t-" + page + ".js").then(function () {
          var first = sections.findIndex(function (s) {
            return s[0] === page;
          });
          var text = function (section) {
            return texts[page][section - first] || "";
          };
          // Sections with the most query words first, then the best scored.
          found.sort(function (a, b) {
            return b.terms - a.terms || b.score - a.score;
          });
          return {
            url: address(page, ""),
            meta: { title: pages[page][1], basis: pages[page][2] },
            excerpt: excerpt(text(found[0].section), terms),
            sub_results: found.map(function (f) {
              var s = sections[f.section];
              return { url: address(page, s[1]), title: s[2], excerpt: excerpt(text(f.section), terms) };
            }),
          };
        });
      },
    };
  }

  function search(query) {
    var terms = words(query).filter(function (t, i, all) {
      return all.indexOf(t) === i;
    });
    if (!terms.length) return Promise.resolve({ results: [] });
    var files = ["pages.js"].concat(
      terms.map(function (t) {
        return "w-" + bucket(t) + ".js";
      })
    );
    return Promise.all(files.map(load)).then(function () {
      var perTerm = terms.map(matches);
      var byPage = new Map(); // page -> {terms: Set of term numbers, found: [...]}
      perTerm.forEach(function (found, t) {
        found.forEach(function (score, section) {
          var page = sections[section][0];
          var entry = byPage.get(page) || { terms: new Set(), sections: new Map() };
          entry.terms.add(t);
          var s = entry.sections.get(section) || { section: section, score: 0, terms: 0 };
          s.score += score;
          s.terms += 1;
          entry.sections.set(section, s);
          byPage.set(page, entry);
        });
      });
      var results = [];
      byPage.forEach(function (entry, page) {
        if (entry.terms.size < terms.length) return; // every word, somewhere on the page
        var found = Array.from(entry.sections.values());
        var best = Math.max.apply(
          null,
          found.map(function (f) {
            return f.score;
          })
        );
        var total = found.reduce(function (sum, f) {
          return sum + f.score;
        }, 0);
        // The best section counts most: a page about the question beats a long page
        // that mentions its words here and there.
        results.push(result(page, best + 0.25 * (total - best), found, terms));
      });
      results.sort(function (a, b) {
        return b.score - a.score;
      });
      return { results: results };
    });
  }

  window.rsOfflineSearch = {
    search: search,
    // Called by the index files.
    pages: function (list, sectionList) {
      pages = list;
      sections = sectionList;
      var total = sections.reduce(function (sum, s) {
        return sum + s[3];
      }, 0);
      averageLength = Math.max(total / Math.max(sections.length, 1), 1);
    },
    words: function (letter, table) {
      tables[letter] = table;
    },
    text: function (page, list) {
      texts[page] = list;
    },
  };
})();
