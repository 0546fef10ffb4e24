"""The content calendar: month, week and agenda views of the clinic's posts."""

from clinicstudio.ui.calendar.pane import CalendarPane

__all__ = ["CalendarPane"]
