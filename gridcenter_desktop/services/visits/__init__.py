"""Household visits (走访): recording a grid worker's visit (with the ticket raised from it when
there was a problem), importing the mobile app's export sheet, and the monthly coverage against
the target (GridWorkSettings.visit_target) with the households not visited for N months."""
