// @ts-check
/**
 * Offline support, on every page (a deferred classic script; see overrides/sw.js).
 *
 * - Registers the service worker once the page has loaded, and on a calculator page
 *   only once the calculator is ready (or has failed) and the reader has paused for a
 *   moment, so caching the site never competes with the page, with Pyodide's start or
 *   with the reader's typing.
 * - When the reader has used a calculator (calculator-runtime.mjs announces "ffr:runtime"),
 *   asks the worker to keep Pyodide and the calculators' wheel for offline use.
 * - When a newer build has installed, shows "A new version of this site is ready" with
 *   a Reload button. Until the reader presses it (or closes every tab of the site),
 *   every page keeps coming from the build it started with. Pressing it activates the
 *   new build, and every open tab of the site reloads, so no tab mixes two builds.
 */
(() => {
  const container = navigator.serviceWorker;
  const script = document.currentScript;
  if (!container || !window.isSecureContext || !(script instanceof HTMLScriptElement)) return;
  const workerUrl = new URL(script.dataset.sw || "sw.js", location.href).href;
  const calculatorPage = Boolean(document.querySelector("script[data-calculators]"));
  const startedControlled = Boolean(container.controller);
  let reloading = false;
  const QUIET_MS = 2000;

  container.addEventListener("controllerchange", () => {
    // A newer build took over this tab (accepted here or in another tab): show it whole.
    if (!startedControlled || reloading) return;
    reloading = true;
    location.reload();
  });

  /** @param {ServiceWorker} worker a newer build's worker, installed and waiting */
  function offerUpdate(worker) {
    if (!container.controller || document.querySelector(".ffr-update")) return;
    const $box = document.createElement("div");
    $box.className = "ffr-update";
    $box.setAttribute("role", "status");
    const $text = document.createElement("p");
    $text.textContent = "A new version of this site is ready.";
    const $reload = document.createElement("button");
    $reload.type = "button";
    $reload.className = "md-button md-button--primary";
    $reload.textContent = "Reload";
    $reload.addEventListener("click", () => {
      $reload.disabled = true;
      worker.postMessage({ type: "skip-waiting" }); // then "controllerchange" reloads
    });
    const $later = document.createElement("button");
    $later.type = "button";
    $later.className = "md-button";
    $later.textContent = "Later";
    $later.addEventListener("click", () => $box.remove());
    $box.append($text, $reload, $later);
    document.body.append($box);
  }

  /** @param {ServiceWorker | null} worker a newer build's worker, perhaps still installing */
  function track(worker) {
    if (!worker) return;
    if (worker.state === "installed") offerUpdate(worker);
    else worker.addEventListener("statechange", () => worker.state === "installed" && offerUpdate(worker));
  }

  /** @param {ServiceWorkerRegistration} registration */
  function watchUpdates(registration) {
    track(registration.waiting || registration.installing);
    registration.addEventListener("updatefound", () => track(registration.installing));
    // Browsers check for a newer sw.js after navigations too, but when they see fit;
    // ask once per page load so that a new build is found on the next visit.
    if (container.controller) registration.update().catch(() => {});
  }

  /** Resolves once the reader has not typed, clicked or pressed a key for QUIET_MS. */
  function quiet() {
    return new Promise((resolve) => {
      const events = ["input", "change", "keydown", "pointerdown"];
      /** @type {ReturnType<typeof setTimeout> | undefined} */
      let timer;
      const done = () => {
        for (const type of events) document.removeEventListener(type, restart, true);
        resolve(undefined);
      };
      const restart = () => {
        clearTimeout(timer);
        timer = setTimeout(done, QUIET_MS);
      };
      for (const type of events) document.addEventListener(type, restart, { capture: true, passive: true });
      restart();
    });
  }

  function cacheCalculators() {
    quiet()
      .then(() => container.ready)
      .then((registration) => registration.active?.postMessage({ type: "cache-calculators" }));
  }

  const loaded = new Promise((resolve) => {
    if (document.readyState === "complete") resolve(undefined);
    else window.addEventListener("load", () => resolve(undefined), { once: true });
  });
  const calculatorSettled = new Promise((resolve) => {
    if (!calculatorPage) resolve(undefined);
    document.addEventListener("ffr:runtime", () => resolve(undefined), { once: true });
    setTimeout(resolve, 30_000); // never wait for ever
  });
  document.addEventListener("ffr:runtime", (event) => {
    if (event instanceof CustomEvent && event.detail && event.detail.ok) cacheCalculators();
  });

  Promise.all([loaded, calculatorSettled])
    .then(() => (calculatorPage ? quiet() : undefined))
    .then(() => container.register(workerUrl))
    .then(watchUpdates)
    .catch(() => {
      /* no offline copy (private mode, storage off): the site works online as before */
    });
})();
