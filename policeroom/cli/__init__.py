"""Headless subcommands (命令行): ``parser`` builds the arguments, ``commands.run`` dispatches to one module
per command group (``data``: seed-demo/backup/upgrade, ``printing``, ``export``, ``report``).

Kept empty so that ``policeroom.cli.parser`` loads without the database layer (the window starts faster).
"""
