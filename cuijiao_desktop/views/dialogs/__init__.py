"""Dialogs: sign-in, first administrator, about."""
