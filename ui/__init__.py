"""The PySide6 app: bootstrap, main window, one module per screen, Qt item models, workers."""
