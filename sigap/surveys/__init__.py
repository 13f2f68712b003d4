"""The community satisfaction survey (SKM) and its index."""
