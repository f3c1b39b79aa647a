// Map filters: show the chosen year while the slider moves, reload the map when a filter changes.
(() => {
  const form = document.querySelector("form.atlas-filters");
  if (!form) return;
  const year = form.querySelector("input[name=year]");
  const output = document.getElementById("year-value");
  if (year && output) year.addEventListener("input", () => { output.textContent = year.value; });
  form.addEventListener("change", () => form.requestSubmit());
})();
