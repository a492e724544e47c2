/* Briefing search page: the Pagefind UI over the brief pages. ?q=words starts a search. */
(function () {
  "use strict";
  var element = document.getElementById("search");
  var fallback = document.querySelector(".search-unavailable");
  if (!element) return;
  if (!window.PagefindUI || location.protocol === "file:") {
    if (fallback) fallback.hidden = false;
    return;
  }
  /* The index comes in shards (a month of incidents each): the others are merged into the first. */
  var merge = (element.getAttribute("data-search-merge") || "").split(" ").filter(Boolean)
    .map(function (path) { return {bundlePath: path}; });
  var ui = new PagefindUI({
    element: "#search",
    bundlePath: element.getAttribute("data-search-bundle"),
    mergeIndex: merge,
    showSubResults: true,
    showImages: false,
    resetStyles: false,
    autofocus: false
  });
  /* Pagefind's field has only a placeholder: give it a visible label (WCAG 2.5.3, 3.3.2). */
  function label() {
    var input = element.querySelector(".pagefind-ui__search-input");
    if (!input || input.id) return !!input;
    input.id = "search-input";
    var text = document.createElement("label");
    text.className = "search-label";
    text.htmlFor = input.id;
    text.textContent = "Search the briefs";
    var form = input.closest("form") || input.parentNode;
    form.parentNode.insertBefore(text, form);
    return true;
  }
  if (!label()) {
    new MutationObserver(function (changes, observer) {
      if (label()) observer.disconnect();
    }).observe(element, {childList: true, subtree: true});
  }
  var query = new URLSearchParams(location.search).get("q");
  if (query) ui.triggerSearch(query);
})();
