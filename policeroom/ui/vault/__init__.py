"""Screens of the encrypted database: the recovery key shown once."""
