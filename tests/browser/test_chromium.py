"""The browser tests have a browser: without Chromium they fail, saying how to
install it, rather than being skipped and letting the suite pass unseen."""

import pytest

from .harness import ChromiumMissing, chromium_path

pytestmark = pytest.mark.browser


def test_chromium_is_installed():
    """Check that Chromium is where the browser tests look for it."""
    try:
        chromium_path()
    except ChromiumMissing as exc:
        pytest.fail(str(exc), pytrace=False)
