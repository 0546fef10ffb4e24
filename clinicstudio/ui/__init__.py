"""The studio window: the only part of ClinicStudio that imports Qt (PySide6)."""
