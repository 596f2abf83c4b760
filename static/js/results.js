// After a filter updates a list in place, bring its results into view when the change left
// them out of sight (on a phone they sit below a long form) or took the focus away: focus
// moves to the count, which screen readers also hear from the live region.
document.addEventListener("htmx:afterSwap", function (event) {
  var region = event.detail.target;
  if (!region || !region.classList.contains("results-region")) {
    return;
  }
  var count = region.querySelector(".results-count") || region;
  // A swap that removed the focused element (a link inside the results, or the count itself
  // focused by an earlier swap) leaves the focus nowhere: give it to the count as well.
  var focusLost = !document.activeElement || document.activeElement === document.body;
  if (count.getBoundingClientRect().top < window.innerHeight && !focusLost) {
    return;
  }
  count.setAttribute("tabindex", "-1");
  count.focus({ preventScroll: true });
  count.scrollIntoView({ block: "start" });
});
