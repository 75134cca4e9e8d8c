"""What travels: CSV export and import (ours, Toggl Track, Clockify), import batches, peers' summaries."""
