"""Builders: one per output format; they know the format, not the domain."""
