"""PM Workload's core: domain types, validation, quick-add parsing, services. No Qt here."""

__version__ = "0.1.0"
