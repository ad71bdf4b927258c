"""Qt-free rules: the words of the domain, the ticket workflow, deadlines and permissions."""
