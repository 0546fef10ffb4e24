"""The wait before a keystroke's check: none for ordinary checks, and no cliff after that."""

from __future__ import annotations

from itertools import pairwise

from clinicstudio.ui.editor.editor_pane import QUICK_CHECK_MS, review_delay_ms


def test_ordinary_checks_run_on_every_keystroke() -> None:
    assert review_delay_ms(0.5) == 0
    assert review_delay_ms(25.1) == 0  # once the point where every key waited 100 ms
    assert review_delay_ms(QUICK_CHECK_MS) == 0


def test_the_wait_grows_smoothly_with_a_slow_check_and_stays_bounded() -> None:
    delays = [review_delay_ms(tenths / 10) for tenths in range(0, 20_000)]
    # A check 0.1 ms slower never waits more than a millisecond longer: no sudden jump.
    assert all(0 <= later - earlier <= 1 for earlier, later in pairwise(delays))
    assert review_delay_ms(QUICK_CHECK_MS + 20) == 40
    assert review_delay_ms(2_000) == 400
