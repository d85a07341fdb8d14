"""The cadence result as HTML (with metronome buttons) and as plain rows."""

from __future__ import annotations

from . import cadence as c
from ._format import escape, format_percent
from .render import REFERENCES_URL, cite, render_red_flags

UNIT_WORDS = {"km": "km", "mi": "mile"}


def _pace(inputs: c.Inputs) -> str:
    whole, seconds = divmod(round(inputs.pace * 60), 60)
    return f"{whole}:{seconds:02d} per {UNIT_WORDS[inputs.pace_unit]}"


def summary(result: c.Result) -> str:
    """Cadence now and the target band, in one sentence."""
    return (
        f"You run about {result.cadence:.0f} steps a minute at {_pace(result.inputs)}. "
        f"Aim for {result.target_low} to {result.target_high} steps a minute at the same pace."
    )


def rows(result: c.Result) -> list[dict[str, str]]:
    """The progression as plain strings, for the terminal and for export."""
    return [
        {"weeks": stage.weeks, "rise": f"+{stage.rise * 100:.1f}%".replace(".0%", "%"), "steps_per_minute": str(stage.cadence)}
        for stage in result.stages
    ]


def _metronome(bpm: int) -> str:
    return (
        f'<button type="button" class="md-button ffr-metronome" data-module="ffr-metronome" data-bpm="{bpm}" '
        f'aria-pressed="false">Metronome at {bpm}</button>'
    )


def render_result(result: c.Result, refs: str = REFERENCES_URL) -> str:
    """Cadence, step and stride length, the target band with its evidence, and the progression."""
    inputs = result.inputs
    height = ""
    if inputs.height:
        share = result.step_length * 100 / inputs.height
        height = (
            f"<dt>Step length against your height</dt><dd>{format_percent(share)} of your height. "
            "There is no agreed normal value; use it to compare yourself over time.</dd>"
        )
    figures = (
        '<dl class="ffr-figures">'
        f"<dt>Cadence</dt><dd>{result.cadence:.0f} steps a minute</dd>"
        f"<dt>Step length</dt><dd>{result.step_length:.2f} m from one foot landing to the other</dd>"
        f"<dt>Stride length</dt><dd>{result.stride_length:.2f} m: two steps, from one foot landing to the same foot again</dd>"
        f"{height}</dl>"
    )
    stage_rows = "".join(
        f'<tr><th scope="row">{escape(s.weeks)}</th><td class="ffr-num">+{s.rise * 100:g}%</td>'
        f'<td class="ffr-num">{s.cadence}</td><td>{_metronome(s.cadence)}</td></tr>'
        for s in result.stages
    )
    extra_strides = result.cadence * c.HIGH_RISE / 2
    evidence = (
        "<ul>"
        f"<li>In the lab, running 5% more steps a minute at the same speed lowered the energy absorbed at the knee, "
        f"10% more also at the hip, and both reduced braking ({cite('heiderscheit-2011', refs)}).</li>"
        f"<li>Each extra 5 strides a minute brought the landing foot about 5.9% closer to the hip "
        f"({cite('lieberman-2015', refs)}). For you, +10% is about {extra_strides:.0f} more strides a minute: "
        f"very roughly {format_percent(result.closer)} closer. That is an extrapolation, not a measurement.</li>"
        f"<li>There is no single right cadence. Elite ultra runners averaged 182 steps a minute but ranged from 155 to "
        f"203; taller runners took fewer steps, and cadence rose with speed ({cite('burns-2019', refs)}). That is why "
        "the target comes from your own count, at the same pace.</li>"
        "</ul>"
    )
    return (
        f'<div class="ffr-cadence">'
        f'<p class="ffr-summary"><strong>{escape(summary(result))}</strong></p>'
        + figures
        + render_red_flags("ffr-cadence")
        + '<div class="ffr-table-wrap" tabindex="0" role="region" aria-label="Cadence progression">'
        '<table class="ffr-table"><caption>Step it up gradually</caption><thead><tr>'
        '<th scope="col">When</th><th scope="col">Rise</th><th scope="col">Steps a minute</th>'
        '<th scope="col">Practise with</th></tr></thead>'
        f"<tbody>{stage_rows}</tbody></table></div>"
        "<p>Use the new cadence on easy runs first, a few minutes at a time, and only move to the next row when it "
        "feels natural. The pace of this progression is common coaching practice, not a tested schedule.</p>"
        '<p class="ffr-screen-only">The metronome sounds one click a step; it stops when you press the button again '
        "or leave the page.</p>"
        f"<h3>What the research says</h3>{evidence}"
        "</div>"
    )
