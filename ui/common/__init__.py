"""What every room of the window uses: the change bridge, messages, theme, workers, small widgets."""
