"""上门计划: the visit calendar, its page and its dialogs."""
