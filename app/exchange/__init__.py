"""Exchange with the outside: calendars (and, after issue #12, the CSV formats, peers, team)."""
