"""The pages of the main window; each is shown and left only through `MainWindow.go()`."""
