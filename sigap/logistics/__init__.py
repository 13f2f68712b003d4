"""Emergency logistics: disasters, posts, warehouse stock and dispatch with BAST (seed 000)."""
