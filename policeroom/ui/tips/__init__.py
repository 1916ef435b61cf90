"""The 举报线索 module."""
