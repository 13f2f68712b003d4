"""Writes of the logistics app: events and posts, stock, and the request's steps a-f."""
