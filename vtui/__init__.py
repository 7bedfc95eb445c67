"""vtui: a keyboard-driven terminal UI for the customers of a Voucherify project."""

__version__ = "0.1.0"
