"""Deterministic demo data calibrated to Guangfu Town's published figures."""
