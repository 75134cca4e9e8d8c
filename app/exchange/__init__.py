"""What travels: CSV export and import (ours, Toggl Track, Clockify), calendars, import batches,
peers' summaries."""
