"""The script the preview adds to every page it serves: on each new build, update the page in place or reload it.

On a reload signal the script fetches the page again and compares it with the
page as it was last served (not with the live page, which the theme's own
script changes: hidden events, focus, filter results). When both have the same
shape, the same stylesheets, scripts and elements with ids in the same order,
it brings the live page from the one to the other: changed text and attributes
in place, and an element whose children changed replaced whole, so the page's
own listeners, scroll position, focus and the filter form stay. Anything else
reloads the page as before: a new or moved event, a template that changes the
page's skeleton or form, a changed stylesheet or script of the theme (which the
server's message says), a failed fetch, any error.

``window.__timelinePreviewReloadOnly = true`` (set before the page loads)
makes every update a full reload: ``python -m bench.visible`` compares the two.
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

  async function update(data) {
    const response = await fetch(location.href, {cache: "no-store"});
    if (!response.ok || response.redirected) throw new Error("the page moved");
    const next = new DOMParser().parseFromString(await response.text(), "text/html").documentElement;
    if (shape(next) !== shape(served)) throw new Error("the page changed shape");
    const focused = document.activeElement;
    const controls = Array.from(document.querySelectorAll("input, select, textarea"), (c) => [c, c.form, c.name, c.value]);
    if (!patch(document.documentElement, served, next)) throw new Error("the page changed shape");
    served = next;
    for (const [control, form, name, value] of controls) {
      if (!control.isConnected && form && name && form.elements[name]) form.elements[name].value = value;
    }
    if (focused && !focused.isConnected && focused.id) {
      const again = document.getElementById(focused.id);
      if (again && focused.hasAttribute("tabindex")) again.tabIndex = focused.tabIndex;
      if (again) again.focus({preventScroll: true});
    }
    document.getElementById(OVERLAY)?.remove();
    const overlay = next.querySelector("#" + OVERLAY);
    if (overlay) script.before(document.importNode(overlay, true));
    const target = (data.events || []).map((id) => document.getElementById(id)).find(Boolean);
    const box = target && target.getBoundingClientRect();
    if (box && (box.bottom < 0 || box.top > innerHeight)) target.scrollIntoView({block: "center"});
  }

  function reload(data) {
    sessionStorage.setItem(key, String(scrollY));
    sessionStorage.setItem(focusKey, JSON.stringify(data.events || []));
    location.reload();
  }

  function listen(url) {
    const source = new EventSource(url);
    source.onopen = () => { window.__timelinePreviewReady = true; };
    source.onmessage = (message) => {
      const data = JSON.parse(message.data);
      source.close();
      window.__timelinePreviewReady = false;
      (data.reload || window.__timelinePreviewReloadOnly ? Promise.reject() : update(data))
        .then(() => listen(url.replace(/since=\\d+$/, "since=" + data.version)), () => reload(data));
    };
  }
  listen(%(url)s);
})();
</script>"""
"""The script, with ``%(url)s`` for the reload stream's address as a script-safe JavaScript string."""
