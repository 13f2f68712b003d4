"""Issued documents: templates, the outgoing-mail agenda that numbers them, PDF, QR checks."""
