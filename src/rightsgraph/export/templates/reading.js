// The reading view of one article (rightsgraph.export.reading). Data text is only ever set as text
// (textContent, dataset, href of http(s) links), never parsed as markup.
"use strict";
const TEXT = document.getElementById("text");
const DETAILS = document.getElementById("details");
const SIGN = {"-1": "neg", "0": "neu", "1": "pos"};

function make(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined && text !== null) node.textContent = String(text);
  return node;
}

function segmentsOf(spanId) {
  return TEXT.querySelectorAll('.seg[data-spans~="' + spanId + '"]');
}

function clearSelection() {
  for (const seg of TEXT.querySelectorAll(".seg.selected")) seg.classList.remove("selected");
}

function mark(spanIds) {
  clearSelection();
  for (const id of spanIds) for (const seg of segmentsOf(id)) seg.classList.add("selected");
}

function nodeButton(iri, label) {
  if (!DATA.nodes[iri]) return make("span", "", label);
  const button = make("button", "link", label);
  button.type = "button";
  button.dataset.node = iri;
  return button;
}

function badge(kind) {
  return make("span", "badge k-" + kind, kind);
}

function row(list, term, value) {
  list.append(make("dt", "", term));
  const dd = make("dd");
  dd.append(value);
  list.append(dd);
}

function nodeCard(iri) {
  const node = DATA.nodes[iri];
  const card = make("div", "node k-" + node.kind + (node.draft ? " is-draft" : ""));
  card.dataset.node = iri;
  const title = make("h3");
  title.append(badge(node.kind));
  if (node.draft) title.append(make("span", "badge draft", "draft"));
  title.append(make("span", "label", node.label));
  card.append(title, make("div", "iri", iri));
  const list = make("dl");
  row(list, "type", node.types.join(", "));
  if (node.draft) row(list, "status", "draft: proposed by rightsgraph draft, not yet confirmed");
  for (const stance of node.stances) {
    const value = make("span");
    value.append(make("span", stance.sign === null ? "choose" : SIGN[String(stance.sign)] || "neu", stance.stance), " \u2192 ");
    value.append(stance.target ? nodeButton(stance.target, stance.label) : make("span", "", "(no target)"));
    row(list, "stance", value);
  }
  if (node.certainty) row(list, "certainty", node.certainty);
  for (const link of node.links) {
    if (link.relation === "external") {
      const value = /^https?:\/\//.test(link.other) ? make("a", "", link.label) : make("span", "", link.label);
      if (value.tagName === "A") { value.href = link.other; value.rel = "noopener noreferrer"; }
      row(list, link.property, value);
    } else if (link.relation === "attribute") {
      row(list, link.property, link.label);
    } else {
      row(list, link.relation === "incoming" ? "\u2190 " + link.property : link.property, nodeButton(link.other, link.label));
    }
  }
  if (node.spans.length > 1) {
    const quotes = make("span");
    node.spans.forEach((id, i) => {
      const button = make("button", "link", "\u201c" + DATA.spans[id].quote + "\u201d");
      button.type = "button";
      button.dataset.span = id;
      if (i) quotes.append(" ");
      quotes.append(button);
    });
    row(list, "evidence", quotes);
  }
  card.append(list);
  return card;
}

function innermostFirst(a, b) {
  const x = DATA.spans[a], y = DATA.spans[b];
  return (x.end - x.begin) - (y.end - y.begin) || x.begin - y.begin || (a < b ? -1 : a > b ? 1 : 0);
}

function showSpans(spanIds) {
  const ids = [...spanIds].sort(innermostFirst);
  mark(ids);
  DETAILS.replaceChildren(make("h2", "", ids.length === 1 ? "Evidence span" : ids.length + " evidence spans here"));
  for (const id of ids) {
    const span = DATA.spans[id];
    const block = make("div", "span-detail");
    block.dataset.span = id;
    block.append(make("blockquote", "quote", span.quote));
    for (const iri of span.nodes) block.append(nodeCard(iri));
    DETAILS.append(block);
  }
}

function selectNode(iri) {
  const node = DATA.nodes[iri];
  if (!node) return;
  mark(node.spans);
  const first = node.spans.length ? segmentsOf(node.spans[0])[0] : null;
  if (first) first.scrollIntoView({block: "center"});
  DETAILS.replaceChildren(make("h2", "", "Node"), nodeCard(iri));
  for (const id of node.spans) DETAILS.append(make("blockquote", "quote", DATA.spans[id].quote));
}

function selectSpan(id) {
  const first = segmentsOf(id)[0];
  if (first) first.scrollIntoView({block: "center"});
  showSpans([id]);
}

TEXT.addEventListener("click", (event) => {
  const seg = event.target.closest(".seg");
  if (seg) showSpans(seg.dataset.spans.split(" "));
});
for (const panel of [DETAILS, document.getElementById("statements")]) {
  panel.addEventListener("click", (event) => {
    const target = event.target.closest("button[data-node], button[data-span]");
    if (!target) return;
    if (target.dataset.node) selectNode(target.dataset.node);
    else selectSpan(target.dataset.span);
  });
}
// A link to articles/SLUG.html#sN (from the timeline) selects that span.
function fromHash() {
  const id = location.hash.slice(1);
  if (DATA.spans[id]) selectSpan(id);
}
window.addEventListener("hashchange", fromHash);
fromHash();
window.reading = {showSpans, selectNode, selectSpan};
