// @ts-check
/**
 * Metronome buttons rendered by the Python calculators:
 *   <button data-module="ffr-metronome" data-bpm="172" aria-pressed="false">
 * One click starts a click track at that many beats a minute (Web Audio, which a
 * browser only allows after a click or key press); a second click stops it, as do
 * pressing another metronome button, the button leaving the page (a recomputed
 * result) and the reader leaving the page. Each scheduled beat increments
 * data-ffr-beats on the button, so tests can see that it really plays.
 */

const LOOKAHEAD_S = 0.12;
const TICK_MS = 25;

/** @type {{$button: HTMLButtonElement, context: AudioContext, timer: ReturnType<typeof setInterval>} | null} */
let playing = null;

/** @param {AudioContext} context @param {number} when */
function click(context, when) {
  const osc = context.createOscillator();
  const gain = context.createGain();
  osc.frequency.value = 1000;
  gain.gain.setValueAtTime(0.0001, when);
  gain.gain.exponentialRampToValueAtTime(0.6, when + 0.002);
  gain.gain.exponentialRampToValueAtTime(0.0001, when + 0.05);
  osc.connect(gain).connect(context.destination);
  osc.start(when);
  osc.stop(when + 0.06);
}

/** Stop whatever is playing. */
export function stop() {
  if (!playing) return;
  clearInterval(playing.timer);
  playing.context.close().catch(() => {});
  playing.$button.setAttribute("aria-pressed", "false");
  playing.$button.textContent = `Metronome at ${playing.$button.dataset.bpm}`;
  playing = null;
}

/** @param {HTMLButtonElement} $button */
function start($button) {
  const bpm = Number($button.dataset.bpm);
  if (!(bpm >= 60 && bpm <= 260)) return;
  const Context = window.AudioContext;
  if (typeof Context !== "function") {
    $button.textContent = "This browser cannot play sound";
    return;
  }
  const context = new Context();
  const interval = 60 / bpm;
  let next = context.currentTime + 0.05;
  let beats = 0;
  const timer = setInterval(() => {
    if (!$button.isConnected) return stop();
    while (next < context.currentTime + LOOKAHEAD_S) {
      click(context, next);
      next += interval;
      $button.dataset.ffrBeats = String(++beats);
    }
  }, TICK_MS);
  playing = { $button, context, timer };
  $button.setAttribute("aria-pressed", "true");
  $button.textContent = `Stop metronome (${bpm})`;
}

document.addEventListener("click", (event) => {
  if (!(event.target instanceof Element)) return;
  const $button = event.target.closest('button[data-module="ffr-metronome"]');
  if (!($button instanceof HTMLButtonElement)) return;
  const same = playing && playing.$button === $button;
  stop();
  if (!same) start($button);
});
addEventListener("pagehide", stop);
