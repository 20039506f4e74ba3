"""Scanning: the hand-held scanner's burst of keys (detector), the camera, and the registry
that routes a code to the screen package that joined for its kind (router)."""
