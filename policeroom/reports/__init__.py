"""PDF report builders (reportlab): plain data in, PDF bytes out; no Qt."""
