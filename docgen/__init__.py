"""docgen: local-government papers from structured records, in full and public versions."""

__version__ = "0.1.0"
