"""Outbox of messages to applicants, delivered by e-mail and SMS/WhatsApp gateways."""
