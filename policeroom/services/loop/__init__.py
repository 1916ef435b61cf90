"""The closed-loop engine (闭环): steps, time limits, lights, 督办 延期 返工 挂账 and one timeline, for every kind.

A kind of matter (群众求助, 网格事件, 举报核查 ...) declares its statuses, moves and limits in a
:class:`~policeroom.services.loop.kinds.Kind`; :mod:`.engine` runs the moves every kind shares inside the
kind service's transaction; :mod:`.timeline` reads the events back and counts them for 考核.
"""
