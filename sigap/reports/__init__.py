"""Public report card of each standard and the office dashboards."""
