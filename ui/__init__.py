"""The PySide6 app: bootstrap, main window, one module per screen, Qt item models, workers."""

from ui.qt_features import skip_source_scans

skip_source_scans()  # before anything else is imported after Qt (see ui.qt_features)
