// After a filter updates a list in place, bring its results into view when the change left
// them out of sight (on a phone they sit below a long form): focus moves to the count, which
// screen readers also hear from the live region.
document.addEventListener("htmx:afterSwap", function (event) {
  var region = event.detail.target;
  if (!region || !region.classList.contains("results-region")) {
    return;
  }
  var count = region.querySelector(".results-count") || region;
  if (count.getBoundingClientRect().top < window.innerHeight) {
    return;
  }
  count.setAttribute("tabindex", "-1");
  count.focus({ preventScroll: true });
  count.scrollIntoView({ block: "start" });
});
