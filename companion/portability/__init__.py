"""Your data is yours (issue 12): readable export, a report to share, retention, and the
``companion-profile`` command line. Backups, restore, the recovery code and removal are in storage/
(backup.py, recovery.py, removal.py); this package puts them in words and options. No Qt."""
