"""The childcare extension of the request engine (placeholder until the engine is usable)."""

from sigap.applications.extensions import Extension


class ChildcareExtension(Extension):
    key = "childcare"
