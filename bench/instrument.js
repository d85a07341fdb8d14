// Init script for bench_ramp_up.py: runs in every document before any page script.
// bench_ramp_up.py adds window.__BENCH_FORM = {value, headline} before it: the weekly volume
// to type and the headline `python -m calculators ramp --weekly-volume <value>` prints.
// Stamps (performance.now(), origin = navigation start) go to window.__bench:
//   form    the calculator's root first seen in the DOM
//   init    the root gets data-ffr-calculator-init (calculator-page.mjs sets it in the task
//           that attaches the form's listeners): weekly_volume is set to FORM.value, with
//           "input" and "change" dispatched, as a reader typing the moment the form works
//   ready   data-ffr-state="ready"
//   result  FORM.headline enters the result (Python's answer to the typed value); `seen` is
//           what the result region showed then (headline, weeks, table) for the CLI check;
//           a reply that shows another headline sets `wrong`
//   click   last trusted click (resets the stamps above: instant navigation keeps the window)
//   pointer first trusted pointer over/move once `pointerArmed` is set (the hover)
//   lt, loaf  every 'longtask' and 'long-animation-frame' entry; rc, ci  [start, end] of the loops
// The bench/bare/ page: `result` when text with "PLAN:[" enters the DOM, `text` that text.
(() => {
  if (window.top !== window) return;
  const FORM = window.__BENCH_FORM || { value: "160", headline: "" };
  const fresh = { form: null, init: null, ready: null, result: null, seen: null, wrong: null, error: false };
  const B = window.__bench = { doc: Math.random(), ...fresh, text: null, click: null, pointer: null,
                               pointerArmed: false, lt: [], loaf: [], rc: null, ci: null };
  const ROOT = '[data-module="ffr-calculator"]';
  const norm = (text) => (text || "").split(/\s+/).filter(Boolean).join(" ");
  // A promise for the result, so the bench waits without wait_for_function (whose polling
  // script Playwright injects into the page, and which the site's CSP would refuse).
  const waiters = [];
  const settle = () => {
    if (B.result !== null || B.error || B.wrong) waiters.splice(0).forEach((resolve) => resolve(B));
  };
  window.__benchResult = (timeoutMs) => new Promise((resolve, reject) => {
    waiters.push(resolve);
    setTimeout(() => reject(new Error(`no result in ${timeoutMs} ms`)), timeoutMs);
    settle();
  });
  const poke = (root, value, events = ["change"]) => {
    const input = root.querySelector('[name="weekly_volume"]');
    input.value = value;
    for (const type of events) input.dispatchEvent(new Event(type, { bubbles: true }));
  };
  const shown = (root) => {
    const region = root.querySelector(".ffr-js-result"), plan = region && region.querySelector("[data-weeks]");
    return {
      headline: norm(region && region.querySelector(".ffr-summary")?.textContent),
      weeks: plan ? plan.getAttribute("data-weeks") : null,
      rows: region ? Array.from(region.querySelectorAll("table tbody tr"), (tr) => Array.from(tr.cells, (c) => norm(c.textContent))) : [],
      status: norm(root.querySelector(".ffr-js-status")?.textContent),
    };
  };
  addEventListener("click", (e) => {
    if (e.isTrusted) Object.assign(B, fresh, { click: performance.now() });
  }, true);
  for (const type of ["pointerover", "pointermove"]) {
    addEventListener(type, (e) => {
      if (e.isTrusted && B.pointerArmed && B.pointer === null) B.pointer = performance.now();
    }, { capture: true, passive: true });
  }
  // The calculator: attributes only, so the observer costs the recompute loop nothing. The reply's
  // HTML goes in in the same task that sets data-ffr-computed, so the headline is there by then.
  new MutationObserver(() => {
    const t = performance.now(), root = document.querySelector(ROOT);
    if (!root) return;
    B.form ??= t;
    if (B.init === null && root.hasAttribute("data-ffr-calculator-init")) {
      B.init = t;
      poke(root, FORM.value, ["input", "change"]);
    }
    if (root.dataset.ffrState === "ready") B.ready ??= t;
    if (root.dataset.ffrState === "error") B.error = true;
    if (B.init !== null && B.result === null && !B.wrong && root.dataset.ffrComputed) {
      const now = shown(root);
      if (now.headline === FORM.headline) Object.assign(B, { result: t, seen: now });
      else B.wrong = now; // Python answered, with another result
    }
    settle();
  }).observe(document, { subtree: true, attributes: true,
    attributeFilter: ["data-ffr-state", "data-ffr-computed", "data-ffr-calculator-init"] });
  // bench/bare/: the first text with "PLAN:[" in the DOM (outside scripts and styles).
  if (location.pathname.includes("/bench-bare/")) {
    const mo = new MutationObserver((records) => {
      const t = performance.now();
      for (const { addedNodes, target, type } of records) {
        for (const node of type === "characterData" ? [target] : Array.from(addedNodes)) {
          const text = node.textContent || "", at = text.indexOf("PLAN:[");
          const parent = node.nodeType === 1 ? node : node.parentNode;
          if (at < 0 || B.text !== null || (parent && ["SCRIPT", "STYLE"].includes(parent.nodeName))) continue;
          Object.assign(B, { result: t, text: text.slice(at).split("\n")[0] });
          mo.disconnect();
        }
      }
      settle();
    });
    mo.observe(document, { subtree: true, childList: true, characterData: true });
  }
  for (const [type, key] of [["longtask", "lt"], ["long-animation-frame", "loaf"]]) {
    try {
      new PerformanceObserver((list) => B[key].push(...list.getEntries().map((e) => e.toJSON())))
        .observe({ type, buffered: true });
    } catch { /* entry type unsupported */ }
  }

  // n changes to weekly_volume, one frame apart; each: dispatch "change" -> data-ffr-computed increments.
  window.__recompute = async (n) => {
    const root = document.querySelector(ROOT);
    const values = ["120", "180", "150", "200"], out = [];
    B.rc = [performance.now(), Infinity];
    for (let i = 0; i < n; i++) {
      const before = root.dataset.ffrComputed;
      const done = new Promise((resolve) => {
        const mo = new MutationObserver(() => {
          if (root.dataset.ffrComputed !== before) { mo.disconnect(); resolve(performance.now()); }
        });
        mo.observe(root, { attributes: true, attributeFilter: ["data-ffr-computed"] });
      });
      const t0 = performance.now();
      poke(root, values[i % values.length]);
      out.push((await done) - t0);
      await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
    }
    B.rc[1] = performance.now();
    return out;
  };

  // n weekly check-ins on the planner (Achilles pain, settled by morning), one frame apart, each a week
  // after the one before; each: submit the check-in form -> the re-flowed plan is in the page
  // (data-ffr-logged increments).
  window.__checkin = async (n) => {
    const root = document.querySelector(ROOT);
    const form = root.querySelector("form.ffr-js-checkin");
    const pains = ["2", "4", "6", "3"], out = [];
    // A plan the check-ins can follow: the recompute loop may have left a value the planner refuses.
    const computed = root.dataset.ffrComputed;
    const planned = new Promise((resolve) => {
      const mo = new MutationObserver(() => { if (root.dataset.ffrComputed !== computed) { mo.disconnect(); resolve(); } });
      mo.observe(root, { attributes: true, attributeFilter: ["data-ffr-computed"] });
    });
    poke(root, "150");
    await planned;
    B.ci = [performance.now(), Infinity];
    for (let i = 0; i < n; i++) {
      const before = root.dataset.ffrLogged;
      const done = new Promise((resolve) => {
        const mo = new MutationObserver(() => {
          if (root.dataset.ffrLogged !== before) { mo.disconnect(); resolve(performance.now()); }
        });
        mo.observe(root, { attributes: true, attributeFilter: ["data-ffr-logged"] });
      });
      form.querySelector('[name="day"]').value = new Date(Date.UTC(2030, 0, 1 + 7 * i)).toISOString().slice(0, 10);
      form.querySelector('[name="pain"]').value = pains[i % pains.length];
      form.querySelector('[name="settled"]').value = "yes";
      form.querySelector('[name="where"]').value = "achilles";
      const t0 = performance.now();
      form.requestSubmit();
      const late = new Promise((_, reject) => setTimeout(() => reject(new Error(
        `check-in ${i + 1} got no plan: ${root.querySelector(".ffr-js-checkin-status").textContent}`)), 10_000));
      out.push((await Promise.race([done, late])) - t0);
      await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
    }
    B.ci[1] = performance.now();
    return out;
  };
})();
