// Init script for bench_ramp_up.py: runs in every document before any page script.
// Stamps (performance.now(), origin = navigation start) go to window.__bench:
//   init    first sighting of a calculator root (data-ffr-state="loading"); a change to
//           weekly_volume is dispatched at that moment, as a reader typing early would
//   ready   data-ffr-state="ready"          result  first data-ffr-computed (applied result)
//   click   last click anywhere (resets init/ready/result: instant navigation keeps window)
//   lt, loaf  every 'longtask' and 'long-animation-frame' entry; rc  [start, end] of __recompute
(() => {
  const B = window.__bench = {doc: Math.random(), init: null, ready: null, result: null, status: null,
                               click: null, error: false, lt: [], loaf: [], rc: null, ci: null};
  const seen = new WeakSet();
  // A promise for the result, so the bench waits without wait_for_function (whose polling
  // script Playwright injects into the page: a 10-50 ms task in the middle of the load).
  const waiters = [];
  const settle = () => { if (B.result !== null || B.error) waiters.splice(0).forEach((resolve) => resolve(B)); };
  window.__benchResult = (timeoutMs) => new Promise((resolve, reject) => {
    waiters.push(resolve);
    setTimeout(() => reject(new Error(`no result in ${timeoutMs} ms`)), timeoutMs);
    settle();
  });
  const poke = (root, value) => {
    const input = root.querySelector('[name="weekly_volume"]');
    input.value = value;
    input.dispatchEvent(new Event("change", {bubbles: true}));
  };
  addEventListener("click", () => Object.assign(B, {click: performance.now(), init: null, ready: null,
                                                    result: null, status: null, error: false}), true);
  new MutationObserver((records) => {
    const t = performance.now();
    for (const {target: el} of records) {
      if (!el.matches('[data-module="ffr-calculator"]')) continue;
      if (!seen.has(el)) { seen.add(el); B.init ??= t; poke(el, "151"); }
      if (el.dataset.ffrState === "ready") B.ready ??= t;
      if (el.dataset.ffrState === "error") B.error = true;
      if (el.dataset.ffrComputed && B.result === null) {
        B.result = t;
        B.status = el.querySelector(".ffr-js-status").textContent;
      }
    }
    settle();
  }).observe(document, {subtree: true, attributes: true, attributeFilter: ["data-ffr-state", "data-ffr-computed"]});
  for (const [type, key] of [["longtask", "lt"], ["long-animation-frame", "loaf"]]) {
    try {
      new PerformanceObserver((list) => B[key].push(...list.getEntries().map((e) => e.toJSON())))
        .observe({type, buffered: true});
    } catch { /* entry type unsupported */ }
  }

  // bench/bare/ page: its [result, ms] once main.mjs stamps them on <html>.
  window.__bareResult = (timeoutMs) => new Promise((resolve, reject) => {
    const d = document.documentElement.dataset, done = () => d.benchResult && resolve([d.benchResult, d.benchMs]);
    new MutationObserver(done).observe(document.documentElement, {attributes: true});
    setTimeout(() => reject(new Error(`no reply in ${timeoutMs} ms`)), timeoutMs);
    done();
  });

  // n changes to weekly_volume, one frame apart; each: dispatch "change" -> data-ffr-computed increments.
  window.__recompute = async (n) => {
    const root = document.querySelector('[data-module="ffr-calculator"]');
    const values = ["120", "180", "150", "200"], out = [];
    B.rc = [performance.now(), Infinity];
    for (let i = 0; i < n; i++) {
      const before = root.dataset.ffrComputed;
      const done = new Promise((resolve) => {
        const mo = new MutationObserver(() => {
          if (root.dataset.ffrComputed !== before) { mo.disconnect(); resolve(performance.now()); }
        });
        mo.observe(root, {attributes: true, attributeFilter: ["data-ffr-computed"]});
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
  // after the one before;
  // each: submit the check-in form -> the re-flowed plan is in the page (data-ffr-logged increments).
  window.__checkin = async (n) => {
    const root = document.querySelector('[data-module="ffr-calculator"]');
    const form = root.querySelector("form.ffr-js-checkin");
    const pains = ["2", "4", "6", "3"], out = [];
    // A plan the check-ins can follow: the recompute loop may have left a value the planner refuses.
    const computed = root.dataset.ffrComputed;
    const planned = new Promise((resolve) => {
      const mo = new MutationObserver(() => { if (root.dataset.ffrComputed !== computed) { mo.disconnect(); resolve(); } });
      mo.observe(root, {attributes: true, attributeFilter: ["data-ffr-computed"]});
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
        mo.observe(root, {attributes: true, attributeFilter: ["data-ffr-logged"]});
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
