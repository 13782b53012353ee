"""The script the preview adds to every page it serves: on each new build, update the page in place or reload it.

On a reload signal the script asks the server for the parts of the page that
changed since the build it shows (see :mod:`.parts`): the new HTML of a few
elements with ids, a few kilobytes where the page may weigh half a megabyte.
Each part's old HTML must be the element as it was served (the script keeps a
copy of the page as served, not the live page, which the theme's own script
changes: hidden events, focus, filter results), and its new HTML must hold the
same elements with ids, stylesheets and scripts; then the live element is
brought from the one to the other. When the server cannot give parts (the page
changed outside such elements) or they do not fit, the script fetches the
whole page and compares it with the page as served: when both have the same
shape, the same stylesheets, scripts and elements with ids in the same order,
it brings the live page from the one to the other the same way. Either way
changed text and attributes change in place, and an element whose children
changed is replaced whole, so the page's own listeners, scroll position, focus
and the filter form stay. Anything else reloads the page as before: a new or
moved event, a template that changes the page's skeleton or form, a changed
stylesheet or script of the theme (which the server's message says), a failed
fetch, any error.

The reload stream's address says which page is open, so a build makes that
page first. ``window.__timelinePreviewReloadOnly = true`` (set before the page
loads) makes every update a full reload, and ``window.__timelinePreviewParts =
false`` makes it fetch the whole page: ``python -m bench.visible`` compares
them, reading the times of the last update from ``window.__timelinePreviewLast``.
"""

from __future__ import annotations

SCRIPT = """<script>
(() => {
  const mark = "timeline-preview:", key = mark + location.pathname, focusKey = mark + "focus";
  const saved = sessionStorage.getItem(key), focus = JSON.parse(sessionStorage.getItem(focusKey) || "[]");
  sessionStorage.removeItem(key); sessionStorage.removeItem(focusKey);
  history.scrollRestoration = "manual";
  // after the page's own deferred scripts, which may still change the layout
  addEventListener("load", () => {
    const target = focus.map((id) => document.getElementById(id)).find(Boolean);
    if (target) target.scrollIntoView({block: "center"}); else if (saved !== null) scrollTo(0, Number(saved));
  });
  const OVERLAY = "timeline-preview-overlay", script = document.currentScript;
  const url = %(url)s, at = url.lastIndexOf("?since="), stream = url.slice(0, at), page = encodeURIComponent(location.pathname);
  let version = Number(url.slice(at + 7));
  // the page as served, copied before the page's own deferred scripts change it
  let served = document.documentElement.cloneNode(true);
  // the preview's own elements, the noscript fallbacks (parsed unlike a live page's) and blank text take no part
  const kept = (n) => (n.nodeType === 1 ? n.id !== OVERLAY && n.nodeName !== "NOSCRIPT" && !(n.nodeName === "SCRIPT" && n.text.includes(mark))
    : n.nodeType !== 3 || n.data.trim() !== "");
  const children = (n) => Array.from(n.childNodes).filter(kept);
  const same = (a, b) => a.nodeType === b.nodeType && a.nodeName === b.nodeName && (a.nodeType !== 1 || a.id === b.id);
  const shape = (root) => Array.from(root.querySelectorAll("link[rel~=stylesheet], script[src], [id]")).filter(kept)
    .map((e) => `${e.nodeName} ${e.id || e.getAttribute("href") || e.getAttribute("src")}`).join("\\n");

  // Brings live from old to now, as little as it can; false when only a reload will do.
  function patch(live, old, now) {
    if (old.isEqualNode(now)) return true;
    if (old.nodeType !== 1) { live.data = now.data; return true; }
    for (const {name, value} of now.attributes) if (old.getAttribute(name) !== value) live.setAttribute(name, value);
    for (const {name} of old.attributes) if (!now.hasAttribute(name)) live.removeAttribute(name);
    const [was, will, is] = [old, now, live].map(children);
    if (was.length === will.length && was.length === is.length && was.every((n, i) => same(n, will[i]) && same(n, is[i]))) {
      return was.every((n, i) => patch(is[i], n, will[i]));
    }
    // the page's landmarks and its forms hold the listeners and state: those changed, it reloads
    if (/^(HTML|HEAD|BODY|MAIN|FORM)$/.test(live.nodeName) || live.querySelector("form")) return false;
    live.replaceWith(document.importNode(now, true));
    return true;
  }

  // Runs change (which brings the live page up to date), then gives back the focus and the form's values it took away.
  function keeping(change) {
    const focused = document.activeElement;
    const controls = Array.from(document.querySelectorAll("input, select, textarea"), (c) => [c, c.form, c.name, c.value]);
    if (!change()) return false;
    for (const [control, form, name, value] of controls) {
      if (!control.isConnected && form && name && form.elements[name]) form.elements[name].value = value;
    }
    if (focused && !focused.isConnected && focused.id) {
      const again = document.getElementById(focused.id);
      if (again && focused.hasAttribute("tabindex")) again.tabIndex = focused.tabIndex;
      if (again) again.focus({preventScroll: true});
    }
    return true;
  }

  // One element parsed from its HTML, or null.
  function element(html) {
    const template = document.createElement("template");
    template.innerHTML = html;
    const nodes = template.content.childNodes;
    return nodes.length === 1 && nodes[0].nodeType === 1 ? nodes[0] : null;
  }

  // The changed parts: each [id, old HTML, new HTML] must match the page as served; false, touching nothing, when one does not.
  function patchParts(parts) {
    const pairs = [];
    for (const [id, before, after] of parts) {
      const found = served.querySelectorAll(`[id="${CSS.escape(id)}"]`), live = document.getElementById(id);
      const was = element(before), now = element(after);
      if (found.length !== 1 || !live || !was || !now || now.id !== id || now.nodeName !== was.nodeName
        || !found[0].isEqualNode(was) || shape(now) !== shape(was)) return false;
      pairs.push([live, found[0], now]);
    }
    for (const [live, old, now] of pairs) {
      if (!patch(live, old, now)) throw new Error("the page changed shape");
      old.replaceWith(now);
    }
    return true;
  }

  // The overlay as the server now has it (null: none).
  function showOverlay(overlay) {
    document.getElementById(OVERLAY)?.remove();
    if (overlay) script.before(document.importNode(overlay, true));
  }

  // The parts of this page changed since the build it shows, or null when the page has to be fetched whole.
  async function changes() {
    if (window.__timelinePreviewParts === false) return null;
    const response = await fetch(`${stream}/parts?since=${version}&page=${page}`, {cache: "no-store"});
    return response.status === 200 ? response.json() : null;
  }

  async function whole() {
    const response = await fetch(location.href, {cache: "no-store"});
    if (!response.ok || response.redirected) throw new Error("the page moved");
    const next = new DOMParser().parseFromString(await response.text(), "text/html").documentElement;
    if (shape(next) !== shape(served)) throw new Error("the page changed shape");
    if (!keeping(() => patch(document.documentElement, served, next))) throw new Error("the page changed shape");
    served = next;
    showOverlay(next.querySelector("#" + OVERLAY));
  }

  async function update(data, times) {
    const found = await changes();
    times.fetched = performance.now();
    if (found && keeping(() => patchParts(found.parts))) {
      showOverlay(found.overlay && element(found.overlay));
      version = found.version;
    } else {
      times.whole = true;
      await whole();
      version = data.version;
    }
    const target = (data.events || []).map((id) => document.getElementById(id)).find(Boolean);
    const box = target && target.getBoundingClientRect();
    if (box && (box.bottom < 0 || box.top > innerHeight)) target.scrollIntoView({block: "center"});
    times.done = performance.now();
  }

  function reload(data) {
    sessionStorage.setItem(key, String(scrollY));
    sessionStorage.setItem(focusKey, JSON.stringify(data.events || []));
    location.reload();
  }

  function listen() {
    const source = new EventSource(`${stream}?since=${version}&page=${page}`);
    source.onopen = () => { window.__timelinePreviewReady = true; };
    source.onmessage = (message) => {
      const data = JSON.parse(message.data), times = {signal: performance.now(), whole: false};
      window.__timelinePreviewLast = times;
      source.close();
      window.__timelinePreviewReady = false;
      (data.reload || window.__timelinePreviewReloadOnly ? Promise.reject() : update(data, times)).then(listen, () => reload(data));
    };
  }
  listen();
})();
</script>"""
"""The script, with ``%(url)s`` for the reload stream's address (``...?since=N``) as a script-safe JavaScript string."""
