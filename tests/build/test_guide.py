"""The guide's figures and the guide's statements of the planner's rules."""

from __future__ import annotations

import html
import importlib.util
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from types import ModuleType

import pytest

from calculators import ramp_up
from calculators._safety import CAUTIONS, GATE_SCOPE
from tests.conftest import built_pages
from tests.unit.safety_html import assert_every_red_flag, squash

GATE_NUMBERS = re.compile(r"\b(?:[025] out of 10|0 to 2|2 to 5|up to 5 is acceptable)\b")
"""How a page states the pain gate's numbers (0 to 2 safe, up to 5 acceptable, above 5 high risk)."""

ROOT = Path(__file__).resolve().parents[2]
IMAGES = ROOT / "docs" / "assets" / "images"
SVG = "{http://www.w3.org/2000/svg}"
FIGURES = sorted(IMAGES.glob("*.svg"))


def page_text(built_site: Path, path: str) -> str:
    """A built page's article as plain text, whitespace collapsed."""
    article = (built_site / path / "index.html").read_text().split("<article", 1)[1].split("</article>", 1)[0]
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", article)))


def load_figure_script() -> ModuleType:
    """The figure script, imported from its file (scripts/ is not a package)."""
    spec = importlib.util.spec_from_file_location("drop_steps_figure", ROOT / "scripts" / "drop_steps_figure.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_drop_step_chart_is_what_the_planner_plans() -> None:
    """The drop-step chart on the shoes page shows the steps the planner gives its example runner;
    if the planner's rules change, the chart must be redrawn (python scripts/drop_steps_figure.py)."""
    figure = load_figure_script()
    plan = figure.example_plan()
    drawn = (IMAGES / "drop-steps.svg").read_text(encoding="utf-8")
    assert drawn == figure.render(plan), "docs/assets/images/drop-steps.svg is stale: run python scripts/drop_steps_figure.py"
    steps = [(w.number, w.shoe_drop) for w in plan.weeks if w.shoe_change]
    assert [drop for _, drop in steps] == [6.0, 2.0], "the example steps 10 → 6 → 2 mm, as the shoes page says"
    for number, drop in steps:
        assert f"{drop:g} mm in weeks {number} to" in drawn


def test_shoes_page_states_the_planners_shoe_rules(built_site: Path) -> None:
    """The shoes page gives the same step size and spacing that the planner applies."""
    text = page_text(built_site, "guide/shoes-and-barefoot")
    assert f"at most {ramp_up.DROP_STEP_MM:g} mm" in text
    assert f"At least {ramp_up.SHOE_STEP_WEEKS} weeks between steps" in text
    assert f"a change of {ramp_up.BIG_DROP_MM:g} mm or more counts as a risk factor" in text
    assert f"body mass over {ramp_up.MASS_RISK_KG:g} kg and running more than {ramp_up.VOLUME_RISK_KM:g} km a week" in text
    assert 'id="ffr-drop-steps-title"' in (built_site / "guide/shoes-and-barefoot/index.html").read_text()


def test_strength_page_names_the_planners_strength_stages(built_site: Path) -> None:
    """Each stage of strength work in a plan appears, by the same name, on the strength page."""
    text = page_text(built_site, "guide/strength")
    for stage in ramp_up.STRENGTH_STAGES:
        assert stage.name in text, stage.name
    assert f"fewer than {ramp_up.HEEL_RAISE_NORM}" in text
    for stage in ramp_up.STRENGTH_STAGES[1:]:
        assert f"at {stage.unlock} single-leg heel raises" in text.lower(), "the strength page gives the count that opens each stage"


def share(fraction: float) -> str:
    return f"{round(fraction * 100, 1):g}%"


def test_planner_page_and_guide_state_the_planners_pace(built_site: Path) -> None:
    """The planner page and the transition guide give the step sizes, the 12-week floor and the strength
    counts that the planner applies, and say which are our convention."""
    for path in ("calculators/ramp-up", "guide/transition"):
        text = page_text(built_site, path)
        assert f"{share(ramp_up.STEP_OF_WEEK)} of your weekly running" in text, path
        assert f"more than {share(ramp_up.STEP_CAP)} of your weekly running" in text, path
        assert "a tenth of the new-strike part" in text and ramp_up.STEP_OF_BLOCK == 0.10, path
        assert f"{ramp_up.MIN_WEEKS_FULL} weeks" in text and "our own convention" in text, path
        assert "26 to 35" in text, path
    planner = page_text(built_site, "calculators/ramp-up")
    assert f"every step {share(ramp_up.RISK_STEP_CUT)} smaller" in planner
    assert f"open at {ramp_up.SINGLE_LEG_RAISES}, which is our convention" in planner
    assert f"open at {ramp_up.HEEL_RAISE_NORM}, Lunsford & Perry's criterion" in planner


@pytest.mark.parametrize("phrase", ["40 weeks or more", "slow is the safe", "That is on purpose", "below what healthy adults manage"])
def test_no_page_says_slower_is_safer(built_site: Path, phrase: str) -> None:
    """No study shows a switch slower than 26 weeks is safer: no page may say the planner is slow on purpose for safety."""
    pages = [p for p in built_site.rglob("index.html") if phrase.lower() in p.read_text(encoding="utf-8").lower()]
    assert not pages, pages


def article(built_site: Path, path: str) -> str:
    """A built page's article as HTML."""
    return (built_site / path / "index.html").read_text().split("<article", 1)[1].split("</article>", 1)[0]


def test_every_red_flag_list_on_the_site_is_whole(built_site: Path) -> None:
    """Every built page that shows the red flags (the pain, about, home and should-you-switch pages by their
    shortcode, the calculators in their results) shows every group under its title with all of its signs,
    rendered from the calculators' own list; no page still calls calf pain at rest an urgent sign."""
    showing = []
    for path, file in built_pages(built_site).items():
        raw = file.read_text()
        if "<article" not in raw:
            continue
        body = raw.split("<article", 1)[1].split("</article>", 1)[0]
        assert "safety:" not in body, f"{path or '/'}: a safety shortcode was left unrendered"
        assert "calf pain at rest" not in body, path
        for box in body.split('class="admonition danger ffr-red-flags"')[1:]:
            assert_every_red_flag(box.split('class="admonition ', 1)[0])
            showing.append(path)
    for page in ["guide/pain/", "about/", "", "guide/should-you-switch/", "calculators/ramp-up/", "calculators/checklist/"]:
        assert page in showing, f"{page or '/'} shows no red flags"


def test_pain_page_shows_the_cautions_the_scope_and_a_path_for_bone_and_muscle_pain(built_site: Path) -> None:
    """The pain page has the traffic light, the cautions, the gate's scope beside the traffic light, and its own
    path for bone pain and sudden muscle pain: stop, and see a clinician if it has not settled in a few days."""
    text = page_text(built_site, "guide/pain")
    for caution in CAUTIONS:
        assert squash(f"{caution.who}: {caution.advice}") in text, caution.who
    light = text.split("The pain traffic light", 1)[1].split("Rest days", 1)[0]
    assert squash(GATE_SCOPE) in light
    figure = re.search(r"<figcaption>(.*?)</figcaption>", article(built_site, "guide/pain"), re.S)
    assert figure and squash(GATE_SCOPE) in squash(html.unescape(re.sub(r"<[^>]+>", "", figure[1])))
    path = text.split("Bone pain or a sudden muscle pain", 1)[1].split("Rest days", 1)[0]
    assert "stop running on it" in path and "If it has not settled in a few days, see a physiotherapist or doctor" in path
    assert "calf pain at rest" not in text
    assert 'id="ffr-pain-light-title"' in (built_site / "guide/pain/index.html").read_text()


def test_pain_figure_describes_the_gates_scope() -> None:
    """The traffic light's text description, read by assistive technology, ends with the gate's scope."""
    root = ET.parse(IMAGES / "pain-traffic-light.svg").getroot()
    desc = root.find(f"{SVG}desc")
    assert desc is not None and squash(desc.text or "").endswith(GATE_SCOPE)


def test_shoes_page_gives_the_cautions_before_the_barefoot_drill(built_site: Path) -> None:
    """The cautions (diabetes or neuropathy; fluoroquinolones or steroid injections) come before the drill's steps."""
    text = page_text(built_site, "guide/shoes-and-barefoot")
    drill = text.index("Warm up in your shoes")
    for caution in CAUTIONS:
        assert -1 < text.find(squash(caution.who)) < drill, caution.who


def test_every_page_that_states_the_pain_gate_states_its_scope(built_site: Path) -> None:
    """Wherever a built page gives the gate's numbers (0 to 2 safe, up to 5 acceptable, above 5), it also says
    the rules are not for bone pain or a sudden muscle pain. Pages are found by their text, not listed by hand."""
    stating = []
    for path, file in built_pages(built_site).items():
        raw = file.read_text()
        if "<article" not in raw:
            continue
        text = squash(html.unescape(re.sub(r"<[^>]+>", " ", raw.split("<article", 1)[1].split("</article>", 1)[0])))
        if GATE_NUMBERS.search(text):
            stating.append(path)
            assert squash(GATE_SCOPE) in text, f"{path or '/'} states the pain gate but not its scope"
    for page in ["", "guide/pain/", "guide/transition/", "guide/strength/", "calculators/ramp-up/", "calculators/checklist/"]:
        assert page in stating, f"{page or '/'} no longer states the gate: check GATE_NUMBERS"


@pytest.mark.parametrize("path", FIGURES, ids=[p.name for p in FIGURES])
def test_figure_is_accessible_and_follows_the_palette(path: Path) -> None:
    """A figure names itself to assistive technology, draws in currentColor or the palette's classes,
    carries no <style> and keeps its text readable (at least 14 units on a 480-wide viewBox)."""
    root = ET.parse(path).getroot()
    assert root.get("role") == "img"
    title, desc = root.find(f"{SVG}title"), root.find(f"{SVG}desc")
    assert title is not None and desc is not None and (title.text or "").strip() and (desc.text or "").strip()
    assert root.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}"
    assert root.find(f".//{SVG}style") is None
    width = float(root.get("viewBox", "0 0 0 0").split()[2])
    for element in root.iter():
        for attribute in ("fill", "stroke"):
            assert element.get(attribute) in (None, "none", "currentColor"), f"{element.tag} {attribute}={element.get(attribute)}"
        if element.tag == f"{SVG}text":
            assert float(element.get("font-size", "0")) * 480 / width >= 14, element.text


def test_figure_ids_are_unique_across_the_site() -> None:
    """Inlined figures share one page's id space, so no two figures may use the same id."""
    ids = [element.get("id") for path in FIGURES for element in ET.parse(path).getroot().iter() if element.get("id")]
    assert len(ids) == len(set(ids)), ids
    assert all(str(i).startswith("ffr-") for i in ids), ids


def test_faq_sends_the_runner_limping_for_days_to_be_checked(built_site: Path) -> None:
    """The new runner limping for days with shooting pains is told to get it checked first, and to be seen
    today for a pop, no weight-bearing or no tiptoe, before any advice on restarting."""
    text = page_text(built_site, "faq")
    answer = text.split("limping for days. What went wrong?", 1)[1].split("More:", 1)[0]
    assert answer.strip(" ¶").startswith("First, get it checked.")
    assert "get seen today" in answer and "see a physiotherapist or doctor" in answer
    assert answer.index("get it checked") < answer.index("restart")


def test_references_carry_the_corrected_sources_and_the_5_percent_start_cites_fuller_2017(built_site: Path) -> None:
    """The references page lists Fuller 2017 (J Sci Med Sport), Malisoux 2016 and Mersmann 2017, and every page's
    claim about the 5% start cites the J Sci Med Sport paper, not Fuller 2019 (which starts at 35%)."""
    import yaml

    refs = (built_site / "references" / "index.html").read_text()
    for key, journal in (("fuller-2017b", "J Sci Med Sport"), ("malisoux-2016", "Am J Sports Med"), ("mersmann-2017", "Front Physiol")):
        entry = refs.split(f'id="{key}"', 1)[1].split("</li>", 1)[0]
        assert journal in entry, key
    starts = []
    for page in sorted((ROOT / "docs").rglob("*.md")):
        front = yaml.safe_load(page.read_text().split("---", 2)[1]) or {}
        for claim in front.get("claims", []):
            sources = claim["source"] if isinstance(claim["source"], list) else [claim["source"]]
            if re.search(r"\b5% of (?:your )?running", claim["text"]):
                starts.append((page.name, sources))
                assert "fuller-2019" not in sources and "fuller-2017b" in sources, (page, claim)
    assert len(starts) >= 5, starts
