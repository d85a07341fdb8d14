"""How the Lighthouse runs read the host's speed and calibrate the phone to it (no browser needed).

``bench/quality.py --calibrate`` sets Lighthouse's CPU slowdown from the host's benchmarkIndex,
so that rounds on a fast and a slow machine audit roughly the same simulated phone.
"""

from __future__ import annotations

from typing import Any

import pytest

from scripts.lighthouse import CATEGORIES, METRICS, boil, calibrated


def test_the_host_lighthouse_has_in_mind_keeps_the_default_slowdown() -> None:
    """Lighthouse's default 4x is meant for a host with a benchmarkIndex of about 1,500."""
    assert calibrated(1533) == pytest.approx(4.0, abs=0.01)


def test_the_slowdown_follows_the_documented_anchor_points() -> None:
    """1x at 150, 2x at 800, 3x at 1,300 (the calculator Lighthouse's docs link)."""
    assert calibrated(150) == pytest.approx(1.0)
    assert calibrated(800) == pytest.approx(2.0)
    assert calibrated(1300) == pytest.approx(3.0)
    assert calibrated(2000) == pytest.approx(6.0, abs=0.01)


def test_a_faster_host_is_slowed_more() -> None:
    values = [calibrated(index) for index in range(150, 5001, 25)]
    assert values == sorted(values)
    assert calibrated(3884) > 12


@pytest.mark.parametrize("index", [0, 60, 149])
def test_a_host_too_slow_or_unmeasured_is_refused_rather_than_audited_unthrottled(index: float) -> None:
    with pytest.raises(ValueError, match="too slow"):
        calibrated(index)


def lhr(environment: dict[str, Any] | None, slowdown: float | None = None) -> dict[str, Any]:
    """A Lighthouse result with only what ``boil`` reads."""
    audits: dict[str, Any] = {key: {"displayValue": "1 s", "score": 1} for key in METRICS}
    audits["total-byte-weight"] = {"numericValue": 1000, "score": 1}
    categories = {c: {"score": 1, "auditRefs": [{"id": "total-byte-weight", "weight": 1}]} for c in CATEGORIES}
    result = {"finalDisplayedUrl": "http://127.0.0.1/", "audits": audits, "categories": categories}
    if environment is not None:
        result["environment"] = environment
    if slowdown is not None:
        result["configSettings"] = {"throttling": {"cpuSlowdownMultiplier": slowdown}}
    return result


def test_each_report_carries_the_host_speed_lighthouse_measured() -> None:
    assert boil(lhr({"benchmarkIndex": 3884.5})).benchmark_index == 3884.5
    assert boil(lhr(None)).benchmark_index == 0.0


def test_each_report_carries_the_slowdown_lighthouse_applied() -> None:
    """What ``run`` compares with the slowdown it asked for (Lighthouse drops unknown settings silently)."""
    assert boil(lhr(None, 14.09)).cpu_slowdown == 14.09
    assert boil(lhr(None)).cpu_slowdown == 0.0
