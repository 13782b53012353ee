// The timeline page's behaviour. Everything here is an enhancement: without
// JavaScript every event shows, every link works and the filter form stays hidden.
(() => {
  "use strict";
  const $ = (selector, root = document) => root.querySelector(selector);
  const $$ = (selector, root = document) => Array.from(root.querySelectorAll(selector));
  const fold = (text) => text.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  let events = $$("li.event");
  // Each event's words for the search, folded, worked out when first needed.
  let text = new WeakMap();
  const aliasText = new Map();
  function textOf(li) {
    if (!text.has(li)) text.set(li, fold($("article", li).textContent) + " " + (aliasText.get(li.id) || ""));
    return text.get(li);
  }
  // The live preview changes events in place, or replaces them, as their files are saved: follow them.
  let reapply = () => {};
  new MutationObserver((records) => {
    const touched = records.map((r) => (r.target.nodeType === 1 ? r.target : r.target.parentElement))
      .filter((node) => node && node.closest(".timeline"));
    if (!touched.length) return;
    for (const node of touched) { const li = node.closest("li.event"); if (li) text.delete(li); }
    events = $$("li.event");
    reapply();
  }).observe(document.body, { childList: true, characterData: true, subtree: true });

  // The permalink control goes to the event's anchor and copies its short permalink.
  const copyStatus = $("#copy-status");
  document.addEventListener("click", (event) => {
    const link = event.target.closest("a.permalink");
    if (!link || !navigator.clipboard) return;
    const url = new URL(link.dataset.permalink || link.getAttribute("href"), location.href).href;
    navigator.clipboard.writeText(url).then(() => {
      link.classList.add("copied");
      if (copyStatus) copyStatus.textContent = "Link copied: " + url;
      setTimeout(() => link.classList.remove("copied"), 2000);
    }, () => {});
  });

  // Printing shows every event's sources: open them for the print, close them after.
  let opened = [];
  addEventListener("beforeprint", () => {
    opened = $$("details.event-sources:not([open])");
    for (const details of opened) details.open = true;
  });
  addEventListener("afterprint", () => opened.forEach((details) => { details.open = false; }));

  // j/k (or n/p) move to the next or previous visible event.
  document.addEventListener("keydown", (event) => {
    const forward = event.key === "j" || event.key === "n";
    if (!(forward || event.key === "k" || event.key === "p")) return;
    if (event.altKey || event.ctrlKey || event.metaKey || event.target.closest("input, select, textarea, [contenteditable]")) return;
    const visible = events.filter((li) => !li.hidden);
    const current = visible.indexOf(document.activeElement && document.activeElement.closest("li.event"));
    let index;
    if (current >= 0) index = current + (forward ? 1 : -1);
    else {
      const header = $(".site-header").getBoundingClientRect().bottom;
      const below = visible.findIndex((li) => li.getBoundingClientRect().top > header + 1);
      index = below < 0 ? visible.length - 1 : forward ? below : below - 1;
    }
    const next = visible[Math.max(0, Math.min(visible.length - 1, index))];
    if (!next) return;
    event.preventDefault();
    next.tabIndex = -1;
    next.focus();
  });

  const form = $("#filters");
  if (!form) return;
  const status = $("#filter-status");
  const entityResults = $("#entity-results");
  let entities = [];
  let indexEvents = [];
  const eventResults = $("#event-results");
  // "role" is there only when site.yaml declares roles
  const fields = ["q", "entity", "kind", "tag", "role"].filter((name) => form.elements[name]);

  const state = () => Object.fromEntries(fields.map((name) => [name, (form.elements[name].value || "").trim()]));
  const has = (li, key, value) => !value || (li.dataset[key] || "").split(" ").includes(value);
  // with an entity chosen, the role is that entity's in the event; without one, any entity's
  const plays = (li, entity, role) => !role || (li.dataset.roles || "").split(" ")
    .some((pair) => (entity ? pair === `${entity}:${role}` : pair.endsWith(`:${role}`)));

  // A result list is rebuilt only when what it shows changes: a blur fires "change",
  // and a list must not vanish under the click that caused it.
  const shownKeys = new WeakMap();
  const indexBase = new URL(form.dataset.index, location.href);
  function fillLinks(list, key, items) {
    if (!list || shownKeys.get(list) === key) return;
    shownKeys.set(list, key);
    list.replaceChildren(...items().map(({ url, text, className }) => {
      const item = document.createElement("li");
      const link = document.createElement("a");
      link.href = new URL(url, indexBase).href;
      link.textContent = text;
      if (className) link.className = className;
      item.append(link);
      return item;
    }));
  }

  function showEntities(tokens) {
    fillLinks(entityResults, tokens.join(" ") + "|" + entities.length, () => (tokens.length ? entities : [])
      .filter((e) => tokens.every((t) => e.text.includes(t))).slice(0, 8)
      .map((e) => ({ url: e.url, text: e.name, className: "chip kind-" + e.kind })));
  }

  // A timeline split by year shows one year; the index finds matches on the other pages.
  function showEvents(tokens, current) {
    const wanted = tokens.length || current.entity || current.tag;
    fillLinks(eventResults, [tokens.join(" "), current.entity, current.tag, indexEvents.length].join("|"), () => (wanted ? indexEvents : [])
      .filter((e) => !document.getElementById(e.id) && tokens.every((t) => e.text.includes(t))
        && (!current.entity || e.entities.includes(current.entity)) && (!current.tag || e.tags.includes(current.tag)))
      .slice(0, 30).map((e) => ({ url: e.url, text: `${e.date}: ${e.title}` })));
  }

  function apply() {
    const current = state();
    const tokens = fold(current.q).split(/\s+/).filter(Boolean);
    const active = tokens.length > 0 || current.entity || current.kind || current.tag || current.role;
    const hash = decodeURIComponent(location.hash.slice(1));
    const target = hash && document.getElementById(hash);
    const targetEvent = target && target.closest && target.closest("li.event");
    let shown = 0;
    for (const li of events) {
      const match = has(li, "entities", current.entity) && has(li, "kinds", current.kind) && has(li, "tags", current.tag)
        && plays(li, current.entity, current.role)
        && tokens.every((token) => textOf(li).includes(token));
      li.hidden = !(match || li === targetEvent);
      if (!li.hidden) shown += 1;
    }
    for (const section of $$("section.month, section.year")) section.hidden = !$("li.event:not([hidden])", section);
    for (const era of $$("li.era-start")) era.hidden = Boolean(active);
    status.textContent = active ? `${shown} of ${events.length} events shown` : "";
    showEntities(tokens);
    showEvents(tokens, current);
    const params = new URLSearchParams();
    for (const name of fields) if (current[name]) params.set(name, current[name]);
    const query = params.toString();
    history.replaceState(history.state, "", location.pathname + (query ? "?" + query : "") + location.hash);
  }

  const params = new URLSearchParams(location.search);
  for (const name of fields) if (params.has(name)) form.elements[name].value = params.get(name);
  // the form held its place, unseen, from the first paint: showing it moves nothing
  form.removeAttribute("data-pending");
  form.addEventListener("input", apply);
  form.addEventListener("change", apply);
  form.addEventListener("reset", () => setTimeout(apply));
  form.addEventListener("submit", (event) => event.preventDefault());
  addEventListener("hashchange", apply);
  reapply = apply;
  apply();

  // The search index adds aliases to what each event matches, and finds entities by name and
  // events on other pages. It grows with the timeline, so it is fetched only once someone
  // reaches for the filters (or arrives with some set in the address).
  let requested = false;
  function loadIndex() {
    if (requested) return;
    requested = true;
    fetch(form.dataset.index).then((response) => (response.ok ? response.json() : null)).then(useIndex).catch(() => {});
  }
  form.addEventListener("focusin", loadIndex);
  form.addEventListener("input", loadIndex);
  form.addEventListener("change", loadIndex);
  if (fields.some((name) => params.get(name))) loadIndex();

  function useIndex(index) {
    if (!index) return;
    const names = new Map(index.entities.map(([id, name, , aliases]) => [id, [name, ...aliases].join(" ")]));
    entities = index.entities.map(([id, name, kind, aliases, , url]) => ({ id, name, kind, url, text: fold([name, ...aliases].join(" ")) }));
    for (const [id, title, date, summary, ids, tags, url] of index.events) {
      const alsoNamed = fold(ids.map((i) => names.get(i) || "").join(" "));
      aliasText.set(id, alsoNamed);
      indexEvents.push({ id, title, date, url, entities: ids, tags, text: fold(`${title} ${date} ${summary}`) + " " + alsoNamed });
    }
    text = new WeakMap();
    apply();
  }
})();
