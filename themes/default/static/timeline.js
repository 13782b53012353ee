// Timeline page: the permalink control copies the event's short permalink.
// Without JavaScript the control is a plain link to the event's anchor.
(() => {
  "use strict";
  const status = document.getElementById("copy-status");
  document.addEventListener("click", (event) => {
    const link = event.target.closest("a.permalink");
    if (!link || !navigator.clipboard) return;
    const url = new URL(link.dataset.permalink || link.getAttribute("href"), location.href).href;
    navigator.clipboard.writeText(url).then(() => {
      link.classList.add("copied");
      if (status) status.textContent = "Link copied: " + url;
      setTimeout(() => link.classList.remove("copied"), 2000);
    }, () => {});
  });
})();
