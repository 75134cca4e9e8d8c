"""The shell: the application, the main window and its menus, the tray, start-up and recovery."""
