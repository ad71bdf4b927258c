"""Administration dialogs (系统管理): areas and grids with their teams, departments, deadline
rules and the town's settings. Administrators only: the menu entries are hidden from other
roles, and services/admin refuses them anyway (the database too, on PostgreSQL)."""
