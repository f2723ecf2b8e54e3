"""The collection work's widgets: the call form (F6), the 催缴记录 page's tabs, today's work."""
