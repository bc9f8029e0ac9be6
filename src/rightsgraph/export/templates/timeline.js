// The timeline (rightsgraph.export.timeline). Dates arrive as day numbers (days since 1970-01-01) and as
// written ISO text, worked out by the build: no Date object here, so no time zone moves a date. Data text is
// only ever set as text (textContent, dataset, the href of a link to the reading view), never parsed as markup.
"use strict";
const AXIS = DATA.axis;
const ITEMS = [...document.querySelectorAll("li.item")];
const BARS = ITEMS.filter((li) => li.querySelector(".bar"));
const $ = (id) => document.getElementById(id);
const FROM = $("from"), TO = $("to"), ACTOR = $("actor"), ARTICLE = $("article");
const DETAILS = $("details"), LEGEND = $("legend");
let view = {start: AXIS.start, end: AXIS.end};

function make(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined && text !== null) node.textContent = String(text);
  return node;
}

function number(value) {
  return value === "" || value === undefined ? null : Number(value);
}

function percent(dayNumber) {
  return ((dayNumber - view.start) / (view.end - view.start)) * 100;
}

function placeBar(li) {
  const bar = li.querySelector(".bar");
  const begin = number(li.dataset.begin), end = number(li.dataset.end);
  const from = begin === null ? -Infinity : begin, to = end === null ? Infinity : end;
  bar.className = "bar";
  if (begin === null) bar.classList.add("open-start");
  if (end === null) bar.classList.add("open-end");
  if (to <= view.start || from >= view.end) {
    bar.classList.add(to <= view.start ? "before" : "after");
    bar.style.left = to <= view.start ? "0%" : "100%";
    bar.style.width = "0";
    return;
  }
  if (begin !== null && begin < view.start) bar.classList.add("cut-start");
  if (end !== null && end > view.end) bar.classList.add("cut-end");
  const left = percent(Math.max(from, view.start)), right = percent(Math.min(to, view.end));
  bar.style.left = left + "%";
  bar.style.width = right - left + "%";
}

function ticks() {
  // years, or every fifth year, over long windows; quarters or months over short ones
  const days = view.end - view.start;
  const inside = (d) => d >= view.start && d < view.end;
  if (days > 366 * 4) {
    const step = days > 366 * 16 ? 5 : 1;
    return AXIS.years.filter(([d, year]) => inside(d) && year % step === 0).map(([d, year]) => [d, String(year), true]);
  }
  const every = days > 366 * 1.5 ? 3 : 1;
  return AXIS.months
    .filter(([d, , year], i) => inside(d) && i % every === 0)
    .map(([d, name, year]) => (name === "Jan" ? [d, String(year), true] : [d, name, false]));
}

function drawAxis() {
  const labels = $("ticks"), grid = $("grid");
  labels.replaceChildren();
  grid.replaceChildren();
  for (const [d, text, major] of ticks()) {
    const tick = make("span", "tick" + (major ? " year" : ""), text);
    tick.style.left = percent(d) + "%";
    labels.append(tick);
    const line = make("span", "line" + (major ? " year" : ""));
    line.style.left = percent(d) + "%";
    grid.append(line);
  }
  FROM.value = String(yearOf(view.start));
  TO.value = String(yearOf(view.end - 1));
}

function yearOf(dayNumber) {
  let found = AXIS.years[0][1];
  for (const [d, year] of AXIS.years) if (d <= dayNumber) found = year;
  return found;
}

function dayOfYear(year) {
  const found = AXIS.years.find(([, y]) => y === year);
  return found ? found[0] : null;
}

function setView(start, end) {
  view = {start, end: Math.max(end, start + 1)};
  drawAxis();
  for (const li of BARS) placeBar(li);
}

function visible(li, kinds, actor, article) {
  return (
    li.dataset.kinds.split(" ").some((k) => kinds.has(k)) &&
    (!actor || li.dataset.actors.split(" ").includes(actor)) &&
    (!article || li.dataset.articles.split(" ").includes(article))
  );
}

function applyFilters() {
  const kinds = new Set([...LEGEND.querySelectorAll("input:checked")].map((input) => input.value));
  let shown = 0, undated = 0;
  for (const li of ITEMS) {
    li.hidden = !visible(li, kinds, ACTOR.value, ARTICLE.value);
    if (!li.hidden) {
      shown++;
      if (!li.querySelector(".bar")) undated++;
    }
  }
  $("shown").textContent = shown + " of " + ITEMS.length + " items shown (" + undated + " undated)";
  $("undated-heading").textContent = "Undated (" + undated + ")";
}

function fit() {
  // the years the shown items' bounds fall in
  const bounds = [];
  for (const li of BARS) {
    if (li.hidden) continue;
    for (const value of [number(li.dataset.begin), number(li.dataset.end)]) if (value !== null) bounds.push(value);
  }
  if (!bounds.length) return;
  const first = yearOf(Math.min(...bounds)), last = yearOf(Math.max(...bounds) - 1);
  setView(dayOfYear(first), dayOfYear(last + 1));
}

function row(list, term, value) {
  list.append(make("dt", "", term));
  const dd = make("dd");
  dd.append(value);
  list.append(dd);
}

function memberCard(member, kindClass) {
  const card = make("div", "member " + kindClass + (member.draft ? " is-draft" : ""));
  const title = make("h3", "", member.label);
  if (member.draft) title.append(make("span", "badge draft", "draft"));
  card.append(title, make("div", "iri", member.iri));
  const list = make("dl");
  if (member.expression !== null) row(list, "wording", "\u201c" + member.expression + "\u201d");
  if (member.edtf !== null) row(list, "EDTF", member.edtf);
  row(list, "bounds", member.dates === null ? "none: undated" : member.dates);
  if (member.draft) row(list, "status", "draft: proposed by rightsgraph draft, not yet confirmed");
  card.append(list);
  for (const evidence of member.evidence) {
    card.append(make("blockquote", "quote", evidence.quote));
    const source = make(evidence.href ? "a" : "span", "", evidence.headline);
    if (evidence.href) {
      source.href = evidence.href;
      source.title = "the evidence in the reading view of the article";
    }
    const line = make("div", "source", "in ");
    line.append(source);
    card.append(line);
  }
  return card;
}

function showItem(id) {
  const item = DATA.items[id], li = $(id);
  if (!item || !li) return;
  for (const selected of document.querySelectorAll(".item.selected")) selected.classList.remove("selected");
  li.classList.add("selected");
  const kindClass = li.classList[1];
  DETAILS.replaceChildren(make("h2", "", item.label));
  const list = make("dl");
  row(list, "kind", item.kinds.join(", "));
  row(list, "time", item.dates + (item.disputed ? " (the articles' bounds disagree: every bound they give)" : ""));
  for (const [label, role] of item.actors) row(list, role, label);
  DETAILS.append(list);
  if (item.members.length > 1) DETAILS.append(make("p", "", "Identity judgements take these nodes to be the same:"));
  for (const member of item.members) DETAILS.append(memberCard(member, kindClass));
}

for (const [, year] of AXIS.years.slice(0, -1)) {
  FROM.append(new Option(String(year), String(year)));
  TO.append(new Option(String(year), String(year)));
}
FROM.addEventListener("change", () => setView(dayOfYear(Number(FROM.value)), Math.max(view.end, dayOfYear(Number(FROM.value) + 1))));
TO.addEventListener("change", () => setView(Math.min(view.start, dayOfYear(Number(TO.value))), dayOfYear(Number(TO.value) + 1)));
$("fit").addEventListener("click", fit);
$("reset").addEventListener("click", () => {
  ACTOR.value = ARTICLE.value = "";
  for (const input of LEGEND.querySelectorAll("input")) input.checked = true;
  applyFilters();
  setView(AXIS.first, AXIS.last);
});
for (const control of [ACTOR, ARTICLE, LEGEND]) control.addEventListener("change", applyFilters);
$("timeline").addEventListener("click", (event) => {
  const button = event.target.closest("button.label");
  if (button) showItem(button.dataset.item);
});
applyFilters();
setView(AXIS.start, AXIS.end);
window.timeline = {setView, applyFilters, showItem, view: () => view};
