"""Planning the clinic's posts on a calendar: views, recurring series, observances, iCalendar.

Nothing here imports Qt; the calendar pane gets everything through :class:`CalendarService`.
"""

from clinicstudio.planning.service import CalendarService

__all__ = ["CalendarService"]
