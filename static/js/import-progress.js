// Starts polling an import's progress when its form is sent (the check of the file, or the
// confirmed import), and lets the upload go on. htmx itself cannot listen to the form's
// submit (`hx-trigger="submit from:form"`): it cancels a form's own submit event, so the
// file would never be sent.
document.addEventListener("submit", function (event) {
  var progress = event.target.querySelector("[data-import-progress]");
  if (progress && window.htmx) {
    window.htmx.trigger(progress, "import-started");
  }
});
