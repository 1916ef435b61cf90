"""Screens of field work (巡防、入户走访、防范宣传、工作日志), tabs of the 网格工作 module."""
