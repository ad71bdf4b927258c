"""The household visits (走访) window: record, coverage with its chart, households not visited."""
