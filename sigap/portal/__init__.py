"""Public pages: home, language switch and the layout citizens see."""
