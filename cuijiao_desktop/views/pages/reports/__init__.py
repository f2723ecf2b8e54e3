"""The 报表 page."""
