"""Working while nobody watches: the log file, the last run of ``publish-due``, desktop
notifications and registering ``publish-due`` with the operating system's own scheduler.

Qt-free: the command line and a scheduled run use it without the window.
"""
