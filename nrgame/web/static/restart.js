// The page's one script of its own (the CSP forbids inline ones): « Recommencer » reloads.
window.addEventListener("DOMContentLoaded", () => {
  document.getElementById("restart")?.addEventListener("click", () => {
    window.location.href = "/";
  });
});
