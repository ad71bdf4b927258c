"""Excel reports for superiors (openpyxl). Qt-free."""
