"""The File menu's CSV dialogs: export, import with its preview, peers' summaries."""
