"""Draw the shoes page's drop-step chart from the ramp-up planner itself.

Usage: ``python scripts/drop_steps_figure.py`` rewrites ``docs/assets/images/drop-steps.svg``.

The chart shows the shoe drop, week by week, that the planner plans for its own example
runner changing from 10 mm to 2 mm shoes. Because the planner computes it, the weeks and
steps in the picture are the ones a reader gets with those inputs; a build test fails if
the planner's rules change and the file was not redrawn.
"""

from __future__ import annotations

from pathlib import Path

from calculators import default_values
from calculators import ramp_up as r

ROOT = Path(__file__).resolve().parents[1]

OUTPUT = ROOT / "docs" / "assets" / "images" / "drop-steps.svg"
EXAMPLE = {**default_values(r.FIELDS), "current_drop": "10", "target_drop": "2"}
"""The planner's example runner, with shoes going from 10 mm to 2 mm of drop."""

WIDTH, HEIGHT = 480, 300
LEFT, RIGHT, TOP, BOTTOM = 64, 468, 28, 230
MAX_DROP = 12.0
TEXT = 'fill="currentColor" font-family="sans-serif"'


def segments(result: r.Result) -> list[tuple[float, int, int]]:
    """Each stretch of weeks in one shoe: (drop in mm, first week, last week)."""
    found: list[tuple[float, int, int]] = []
    for week in result.weeks:
        if found and found[-1][0] == week.shoe_drop:
            found[-1] = (week.shoe_drop, found[-1][1], week.number)
        else:
            found.append((week.shoe_drop, week.number, week.number))
    return found


def describe(result: r.Result) -> str:
    """The chart in words, for its <desc> and for readers who cannot see it."""
    parts = [f"{drop:g} mm in weeks {first} to {last}" for drop, first, last in segments(result)]
    return (
        f"Step chart of shoe heel-to-toe drop in millimetres against the week of a {len(result.weeks)}-week plan "
        f"from the ramp-up planner, for a runner going from {result.inputs.current_drop:g} mm to "
        f"{result.inputs.target_drop:g} mm shoes: " + ", then ".join(parts) + ". "
        f"Each step is at most {r.DROP_STEP_MM:g} mm, and the steps are spread out over the whole plan."
    )


def render(result: r.Result) -> str:
    """The SVG for one plan: a step line of drop against weeks, labelled on each stretch."""
    weeks = len(result.weeks)

    def x(week: float) -> float:  # the left edge of a week; week weeks + 1 is the right end
        return LEFT + (week - 1) * (RIGHT - LEFT) / weeks

    def y(drop: float) -> float:
        return BOTTOM - drop * (BOTTOM - TOP) / MAX_DROP

    runs = segments(result)
    points: list[str] = []
    for drop, first, last in runs:
        points += [f"{x(first):.1f},{y(drop):.1f}", f"{x(last + 1):.1f},{y(drop):.1f}"]
    drops = sorted({0.0, *(drop for drop, _, _ in runs)})
    y_ticks = "".join(
        f'<line stroke="currentColor" stroke-opacity="0.25" x1="{LEFT}" y1="{y(d):.1f}" x2="{RIGHT}" y2="{y(d):.1f}"/>'
        f'<text {TEXT} font-size="15" x="{LEFT - 8}" y="{y(d) + 5:.1f}" text-anchor="end">{d:g}</text>'
        for d in drops
    )
    x_ticks = "".join(
        f'<line stroke="currentColor" x1="{x(w):.1f}" y1="{BOTTOM}" x2="{x(w):.1f}" y2="{BOTTOM + 6}"/>'
        f'<text {TEXT} font-size="15" x="{x(w):.1f}" y="{BOTTOM + 24}" text-anchor="middle">{w}</text>'
        for w in [first for _, first, _ in runs] + [weeks]
    )
    labels = "".join(
        f'<text {TEXT} font-size="15" font-weight="bold" x="{(x(first) + x(last + 1)) / 2:.1f}" y="{y(drop) - 26:.1f}" '
        f'text-anchor="middle">{drop:g} mm</text>'
        f'<text {TEXT} font-size="14" x="{(x(first) + x(last + 1)) / 2:.1f}" y="{y(drop) - 9:.1f}" '
        f'text-anchor="middle">weeks {first}–{last}</text>'
        for drop, first, last in runs
    )
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        f'aria-labelledby="ffr-drop-steps-title ffr-drop-steps-desc" class="ffr-svg">\n'
        f'  <title id="ffr-drop-steps-title">Stepping the shoe drop down: '
        f"{' to '.join(f'{drop:g} mm' for drop, _, _ in runs)}</title>\n"
        f'  <desc id="ffr-drop-steps-desc">{describe(result)}</desc>\n'
        f"  {y_ticks}\n"
        f'  <line stroke="currentColor" stroke-width="2" x1="{LEFT}" y1="{BOTTOM}" x2="{RIGHT}" y2="{BOTTOM}"/>\n'
        f'  <line stroke="currentColor" stroke-width="2" x1="{LEFT}" y1="{TOP}" x2="{LEFT}" y2="{BOTTOM}"/>\n'
        f'  <polyline fill="none" stroke="currentColor" stroke-width="5" stroke-linejoin="round" points="{" ".join(points)}"/>\n'
        f"  {x_ticks}\n"
        f"  {labels}\n"
        f'  <text {TEXT} font-size="15" x="{(LEFT + RIGHT) / 2:.0f}" y="{HEIGHT - 14}" text-anchor="middle">Week of the plan</text>\n'
        f'  <text {TEXT} font-size="15" transform="translate(20 {(TOP + BOTTOM) / 2:.0f}) rotate(-90)" '
        f'text-anchor="middle">Shoe drop (mm)</text>\n'
        "</svg>\n"
    )


def example_plan() -> r.Result:
    """The plan the figure draws."""
    return r.compute(r.parse_inputs(EXAMPLE))


if __name__ == "__main__":
    OUTPUT.write_text(render(example_plan()), encoding="utf-8")
    print(f"wrote {OUTPUT.relative_to(ROOT)}")
