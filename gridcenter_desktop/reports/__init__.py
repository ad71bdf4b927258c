"""Excel output for superiors (openpyxl): the ticket ledger (台账), the statistical report
(月报/季报/年报) and the rectification notice (责令整改通知书). Qt-free: every report takes a
session and plain arguments, so the window and the ``gridcenter report`` command share them."""
