"""Administration services: areas, teams, departments, deadline rules, town settings and the
base-data import."""
