// notelint's page: send the note to the local API, highlight findings, apply one-click fixes.
// The note lives only in this page's memory: no storage APIs, no third-party requests.
"use strict";

const SEVERITY_ORDER = ["info", "warning", "error"];
const CHECK_DELAY_MS = 500;

const state = {
  rules: new Map(),      // code -> rule (message, rationale, source, label...)
  principles: [],        // [{slug, title, description}] in the catalogue's order
  text: "",              // the text the current findings belong to
  findings: [],
  seq: 0,                // the latest check sent; older answers are dropped
};

const $ = (id) => document.getElementById(id);
const editor = $("note");

function el(tag, attrs = {}, ...children) {
  // Build nodes with textContent only: note text never goes through innerHTML.
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (key === "className") node.className = value;
    else if (key === "text") node.textContent = value;
    else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value);
  }
  for (const child of children) {
    if (child != null) node.append(child);
  }
  return node;
}

function announce(message) {
  $("status").textContent = message;
}

async function api(path, body) {
  const options = body === undefined ? {} : {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(body),
  };
  const response = await fetch(path, { cache: "no-store", ...options });
  const data = await response.json().catch(() => ({}));
  if (!response.ok) {
    throw new Error(data.message || `the server answered ${response.status}`);
  }
  return data;
}

// The API counts offsets in Unicode code points (Python); the page's strings count UTF-16 units.
function utf16Offsets(text) {
  const map = [0];
  let units = 0;
  for (const ch of text) {
    units += ch.length;
    map.push(units);
  }
  return map;
}

function spansOf(text, findings) {
  const map = utf16Offsets(text);
  return findings.map((f, i) => ({ finding: f, index: i, start: map[f.start], end: map[f.end] }));
}

function worst(severities) {
  return severities.reduce((a, b) => (SEVERITY_ORDER.indexOf(b) > SEVERITY_ORDER.indexOf(a) ? b : a), "info");
}

function plural(n, word) {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

function describeCounts(findings) {
  if (!findings.length) return "No findings.";
  const parts = SEVERITY_ORDER.slice().reverse()
    .map((sev) => [sev, findings.filter((f) => f.severity === sev).length])
    .filter(([, n]) => n)
    .map(([sev, n]) => plural(n, sev));
  return `${plural(findings.length, "finding")}: ${parts.join(", ")}.`;
}

// ---- checking --------------------------------------------------------------------------------------------

async function check() {
  const text = editor.value;
  const seq = ++state.seq;
  if (!text.trim()) {
    state.text = text;
    state.findings = [];
    render();
    announce("");
    return;
  }
  announce("Checking…");
  try {
    const data = await api("/api/lint", { text });
    if (seq !== state.seq) return;  // the note changed while this check ran
    state.text = text;
    state.findings = data.findings;
    render();
    announce(`Checked. ${describeCounts(state.findings)}`);
  } catch (error) {
    if (seq === state.seq) announce(`Could not check the note: ${error.message}`);
  }
}

let timer = null;
function checkSoon() {
  clearTimeout(timer);
  timer = setTimeout(check, CHECK_DELAY_MS);
}

function checkNow() {
  clearTimeout(timer);
  return check();
}

// ---- rendering -------------------------------------------------------------------------------------------

function render() {
  renderMarked();
  renderFindings();
  const n = state.findings.length;
  $("count").textContent = state.text.trim() ? `(${n})` : "";
}

function renderMarked() {
  const box = $("marked");
  box.replaceChildren();
  if (!state.text.trim()) {
    box.append(el("p", { className: "empty", text: "Findings appear here once you paste a note." }));
    return;
  }
  const spans = spansOf(state.text, state.findings);
  const cuts = new Set([0, state.text.length]);
  for (const s of spans) {
    cuts.add(s.start);
    cuts.add(s.end);
  }
  const points = [...cuts].sort((a, b) => a - b);
  const pre = el("div", { className: "marked-text" });
  for (let i = 0; i + 1 < points.length; i++) {
    const [a, b] = [points[i], points[i + 1]];
    const piece = state.text.slice(a, b);
    const over = spans.filter((s) => s.start < b && s.end > a);
    if (!over.length) {
      pre.append(piece);
      continue;
    }
    // Findings of different families may overlap; the piece links to the first and shows the worst severity.
    const sev = worst(over.map((s) => s.finding.severity));
    const label = over.map((s) => `${s.finding.rule} ${s.finding.message}`).join(" / ");
    pre.append(el("a", {
      className: `hl sev-${sev}`,
      href: `#finding-${over[0].index}`,
      title: label,
      "aria-label": `${piece}: ${sev}, ${label}`,
      onclick: (event) => {
        event.preventDefault();
        focusFinding(over[0].index);
      },
    }, piece));
  }
  box.append(pre);
}

function focusFinding(index) {
  const card = $(`finding-${index}`);
  if (!card) return;
  card.scrollIntoView({ block: "nearest" });
  card.focus();
}

function principleInfo(slug) {
  return state.principles.find((p) => p.slug === slug) || { slug, title: slug, description: "" };
}

function renderFindings() {
  const box = $("findings");
  box.replaceChildren();
  if (!state.text.trim()) {
    box.append(el("p", { className: "empty", text: "No note checked yet." }));
    return;
  }
  if (!state.findings.length) {
    box.append(el("p", { className: "clean", text: "Nothing to change: no findings in this note." }));
    return;
  }
  const order = state.principles.map((p) => p.slug);
  const slugs = [...new Set(state.findings.map((f) => f.principle))]
    .sort((a, b) => (order.indexOf(a) + 1 || 99) - (order.indexOf(b) + 1 || 99));
  const spans = spansOf(state.text, state.findings);
  for (const slug of slugs) {
    const info = principleInfo(slug);
    const mine = spans.filter((s) => s.finding.principle === slug);
    const list = el("ol", { className: "cards" }, ...mine.map(card));
    box.append(el("section", { className: "group", "aria-label": info.title },
      el("h3", {}, info.title, el("span", { className: "count", text: ` (${mine.length})` })),
      info.description ? el("p", { className: "pdesc", text: info.description }) : null,
      list));
  }
}

function card(span) {
  const f = span.finding;
  const rule = state.rules.get(f.rule) || {};
  const quoted = state.text.slice(span.start, span.end);
  const actions = el("div", { className: "card-actions" });
  const label = rule.label || "[IDENTIFIER]";
  // An identifier's "[PHONE]" suggestion is the Redact button below; do not offer it twice.
  const suggestions = f.category === "identifiers" ? f.suggestions.filter((s) => s !== label) : f.suggestions;
  for (const suggestion of suggestions.slice(0, 3)) {
    actions.append(el("button", {
      type: "button",
      className: "apply",
      onclick: () => replace(f, suggestion, "Replaced"),
    }, "Use “", el("span", { text: suggestion }), "”"));
  }
  if (f.category === "identifiers") {
    actions.append(el("button", {
      type: "button",
      className: "redact",
      onclick: () => replace(f, label, "Redacted"),
    }, `Redact as ${label}`));
  }
  actions.append(el("button", {
    type: "button",
    className: "quiet",
    onclick: () => showInNote(span),
  }, "Show in note"));
  return el("li", { id: `finding-${span.index}`, className: `card sev-${f.severity}`, tabindex: "-1" },
    el("div", { className: "card-head" },
      el("span", { className: `badge sev-${f.severity}`, text: f.severity }),
      el("code", { text: f.rule }),
      el("span", { className: "rname", text: f.name })),
    el("p", { className: "quote" },
      el("q", { text: quoted }),
      el("span", { className: "where", text: ` line ${f.line}, column ${f.column}` })),
    el("p", { className: "msg", text: f.message }),
    rule.rationale ? el("p", { className: "why" }, el("strong", { text: "Why it matters: " }), rule.rationale) : null,
    rule.source && rule.source.length
      ? el("p", { className: "source" }, el("strong", { text: "Source: " }), rule.source.join("; "))
      : null,
    actions);
}

// ---- actions ---------------------------------------------------------------------------------------------

function matchCase(original, replacement) {
  // A fix at the start of a sentence keeps its capital.
  const first = original.charAt(0);
  if (first && first === first.toUpperCase() && first !== first.toLowerCase()) {
    return replacement.charAt(0).toUpperCase() + replacement.slice(1);
  }
  return replacement;
}

function fixArticle(before, replacement) {
  // "an addict" -> "a person ...": the article before the fix follows the new first sound (roughly: vowels).
  const m = /\b(a|an)(\s+)$/i.exec(before);
  if (!m) return null;
  const wanted = /^[aeiou]/i.test(replacement) ? "an" : "a";
  if (m[1].toLowerCase() === wanted) return null;
  const cased = m[1][0] === "A" ? wanted[0].toUpperCase() + wanted.slice(1) : wanted;
  return { start: m.index, end: m.index + m[1].length, text: cased };
}

function editRange(start, end, text) {
  editor.focus();
  editor.setSelectionRange(start, end);
  // insertText keeps the browser's undo history (Ctrl+Z); setRangeText is the fallback where it is gone.
  const done = typeof document.execCommand === "function" && document.execCommand("insertText", false, text);
  if (!done || editor.value.slice(start, start + text.length) !== text) {
    editor.setRangeText(text, start, end, "end");
  }
}

async function replace(finding, replacement, verb) {
  if (editor.value !== state.text) {
    announce("The note changed since the last check; checked it again. Choose the fix once more.");
    await checkNow();
    $("findings-heading").focus();
    return;
  }
  const span = spansOf(state.text, [finding])[0];
  const original = state.text.slice(span.start, span.end);
  const text = verb === "Redacted" ? replacement : matchCase(original, replacement);
  editRange(span.start, span.end, text);
  const article = verb === "Redacted" ? null : fixArticle(state.text.slice(0, span.start), text);
  if (article) editRange(article.start, article.end, article.text);
  await checkNow();
  announce(`${verb} “${original}” with “${text}” (Ctrl+Z in the note undoes it). ${describeCounts(state.findings)}`);
  $("findings-heading").focus();
}

function showInNote(span) {
  editor.focus();
  editor.setSelectionRange(span.start, span.end);
}

async function redactAll() {
  const text = editor.value;
  if (!text.trim()) {
    announce("Paste a note first.");
    return;
  }
  announce("Redacting identifiers…");
  try {
    const data = await api("/api/redact", { text });
    if (data.text === text) {
      announce("No identifiers found to redact.");
      return;
    }
    editRange(0, text.length, data.text);
    await checkNow();
    announce(`Identifiers redacted (Ctrl+Z in the note undoes it). ${describeCounts(state.findings)}`);
  } catch (error) {
    announce(`Could not redact the note: ${error.message}`);
  }
}

async function copyNote() {
  const text = editor.value;
  if (!text.trim()) {
    announce("Nothing to copy yet.");
    return;
  }
  try {
    await navigator.clipboard.writeText(text);
  } catch {
    // Clipboard API refused (e.g. not focused): fall back to a selection copy.
    editor.focus();
    editor.select();
    document.execCommand("copy");
  }
  const left = text === state.text ? state.findings.filter((f) => f.severity !== "info").length : 0;
  announce(left ? `Copied. ${plural(left, "finding")} above info remain in the note.` : "Copied the cleaned note.");
}

// ---- start -----------------------------------------------------------------------------------------------

async function loadRules() {
  try {
    const data = await api("/api/rules");
    state.principles = data.principles;
    for (const rule of data.rules) state.rules.set(rule.code, rule);
    if (state.findings.length) render();
  } catch (error) {
    announce(`Could not load the rule list (${error.message}); findings still work.`);
  }
}

function start() {
  $("note-form").addEventListener("submit", (event) => {
    event.preventDefault();
    checkNow();
  });
  editor.addEventListener("input", checkSoon);
  editor.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      checkNow();
    }
  });
  $("redact-all").addEventListener("click", redactAll);
  $("copy").addEventListener("click", copyNote);
  $("clear").addEventListener("click", () => {
    editor.value = "";
    checkNow();
    editor.focus();
  });
  loadRules();
  if (editor.value.trim()) checkNow();
}

start();
