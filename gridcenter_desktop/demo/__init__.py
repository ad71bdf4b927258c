"""Deterministic demo data for Guangfu Town (光福镇), calibrated to the figures of DOMAIN.md.

``build_demo`` (demo/build.py) is the entry point; the other modules hold the town's areas,
departments, people, ticket texts and the ticket generator.
"""
