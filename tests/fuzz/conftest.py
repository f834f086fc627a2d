"""Hypothesis profiles: `suite` runs with the test suite; `long` for a deeper run:

HYPOTHESIS_PROFILE=long python3 dev.py test tests/fuzz
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

SLOW_SETUP = [HealthCheck.too_slow, HealthCheck.function_scoped_fixture]
settings.register_profile(
    "suite", max_examples=150, deadline=None, suppress_health_check=SLOW_SETUP
)
settings.register_profile(
    "long", max_examples=5000, deadline=None, suppress_health_check=SLOW_SETUP
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "suite"))
