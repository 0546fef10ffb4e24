"""ClinicStudio: a desktop content studio for small medical clinics."""

__version__ = "0.1.0"
