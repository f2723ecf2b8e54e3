"""报表: the monthly statistics as dashboards, the building map, and the report exports (issue 12)."""

from .reports_page import ReportsPage

__all__ = ["ReportsPage"]
