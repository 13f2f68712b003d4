"""Complaints (pengaduan) on every channel, with deadlines and referral between offices."""
