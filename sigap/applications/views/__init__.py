"""Views of requests: public tracking and applying (portal), staff intake, queue and work."""
