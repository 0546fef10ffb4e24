"""The Results pane: what posts, campaigns and accounts achieved, with charts drawn in Qt."""

from clinicstudio.ui.results.controller import ResultsController, install
from clinicstudio.ui.results.pane import ResultsPane

__all__ = ["ResultsController", "ResultsPane", "install"]
