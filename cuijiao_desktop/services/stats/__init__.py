"""Monthly statistics (issue 12): the figures, the month close and what the dashboards read."""
